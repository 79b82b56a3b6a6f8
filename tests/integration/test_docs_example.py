"""The example on /docs and in openapi.yaml is what the real engine answers for its text."""
from service.api.schemas import EXAMPLE_RESPONSE, EXAMPLE_TEXT, dump_extraction


def without_confidence(body: dict) -> dict:
    return {**body, "quotes": [{k: v for k, v in q.items() if k != "confidence"} for q in body["quotes"]]}


def test_docs_example_is_the_engines_answer(engine):
    answer = dump_extraction(engine.extract(EXAMPLE_TEXT), EXAMPLE_TEXT)
    assert without_confidence(answer) == without_confidence(EXAMPLE_RESPONSE)
    # Confidence moves whenever the calibration is refitted; the example only has to stay near it.
    for real, shown in zip(answer["quotes"], EXAMPLE_RESPONSE["quotes"], strict=True):
        assert abs(real["confidence"] - shown["confidence"]) < 0.1
