"""POST /v1/quotes over a fake engine: bodies, options, serialisation, offsets."""
import pytest

ARTICLE = 'It was "a disgrace" then. "We are ready," Mattis said. "Fine," Smith said.'
EMOJI_ARTICLE = '\U0001F600 "We are \U0001F44D ready," Mattis said.'


def post_json(client, body, **kwargs):
    return client.post("/v1/quotes", json=body, **kwargs)


def test_json_body_returns_quotes_speakers_and_meta(client, fake_engine):
    response = post_json(client, {"text": ARTICLE})
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert list(body) == ["quotes", "speakers", "meta"]
    assert body["meta"] == {"offsets": "codepoint", "characters": len(ARTICLE)}
    assert [q["text"] for q in body["quotes"]] == ["We are ready,", "Fine,"]  # the scare quote is left out
    first = body["quotes"][0]
    assert first == {
        "text": "We are ready,", "start": ARTICLE.index('"We'), "end": ARTICLE.index(" Mattis"),
        "type": "direct",
        "speaker": {"name": "Mattis", "text": "Mattis", "start": ARTICLE.index("Mattis"),
                    "end": ARTICLE.index("Mattis") + 6, "id": "s1"},
        "cue": {"text": "said", "start": ARTICLE.index("said"), "end": ARTICLE.index("said") + 4},
        "attribution": "explicit", "confidence": 0.9, "closed": True,
    }
    assert body["speakers"][0] == {"id": "s1", "name": "Mattis", "quotes": [0], "mentions": [
        {"text": "Mattis", "start": ARTICLE.index("Mattis"), "end": ARTICLE.index("Mattis") + 6}]}
    assert fake_engine.calls[0]["include_nonspeech"] is False
    assert fake_engine.calls[0]["deadline"] is not None


def test_offsets_index_the_received_text(client):
    body = post_json(client, {"text": ARTICLE}).get_json()
    for quote in body["quotes"]:
        assert ARTICLE[quote["start"]:quote["end"]] == f'"{quote["text"]}"'
        assert ARTICLE[quote["speaker"]["start"]:quote["speaker"]["end"]] == quote["speaker"]["text"]
        assert ARTICLE[quote["cue"]["start"]:quote["cue"]["end"]] == quote["cue"]["text"]


def test_text_plain_body_gives_the_same_answer(client):
    as_json = post_json(client, {"text": ARTICLE}).get_json()
    as_text = client.post("/v1/quotes", data=ARTICLE.encode("utf-8"),
                          content_type="text/plain; charset=utf-8")
    assert as_text.status_code == 200
    assert as_text.get_json() == as_json
    bare = client.post("/v1/quotes", data=ARTICLE.encode("utf-8"), content_type="text/plain")
    assert bare.get_json() == as_json


def test_json_with_charset_parameter(client):
    response = client.post("/v1/quotes", data='{"text": "x"}', content_type="application/json; charset=UTF-8")
    assert response.status_code == 200


def test_text_is_passed_exactly(client, fake_engine):
    text = "\ufeff  \r\n\t\"Odd\u00a0spaces\" and NUL \x00 and \u2028 ok  "
    assert client.post("/v1/quotes", data=text.encode("utf-8"), content_type="text/plain").status_code == 200
    assert post_json(client, {"text": text}).status_code == 200
    assert [c["text"] for c in fake_engine.calls] == [text, text]


def test_whitespace_only_text_is_valid_and_has_no_quotes(client):
    body = post_json(client, {"text": " \n "}).get_json()
    assert body["quotes"] == [] and body["speakers"] == []


@pytest.mark.parametrize("request_kwargs", [
    {"json": {"text": ARTICLE, "include_nonspeech": True}},
    {"json": {"text": ARTICLE}, "query_string": {"include_nonspeech": "true"}},
    {"data": ARTICLE, "content_type": "text/plain", "query_string": {"include_nonspeech": "true"}},
])
def test_include_nonspeech(client, fake_engine, request_kwargs):
    body = client.post("/v1/quotes", **request_kwargs).get_json()
    assert [q["type"] for q in body["quotes"]] == ["scare", "direct", "direct"]
    assert fake_engine.calls[-1]["include_nonspeech"] is True


def test_json_field_overrides_query_parameter(client, fake_engine):
    body = client.post("/v1/quotes", json={"text": ARTICLE, "include_nonspeech": False, "offsets": "codepoint"},
                       query_string={"include_nonspeech": "true", "offsets": "utf16"}).get_json()
    assert fake_engine.calls[-1]["include_nonspeech"] is False
    assert body["meta"]["offsets"] == "codepoint"


@pytest.mark.parametrize("request_kwargs", [
    {"json": {"text": EMOJI_ARTICLE, "offsets": "utf16"}},
    {"data": EMOJI_ARTICLE.encode("utf-8"), "content_type": "text/plain; charset=utf-8",
     "query_string": {"offsets": "utf16"}},
])
def test_utf16_offsets(client, request_kwargs):
    body = client.post("/v1/quotes", **request_kwargs).get_json()
    units = EMOJI_ARTICLE.encode("utf-16-le")

    def utf16_slice(span):
        return units[2 * span["start"]:2 * span["end"]].decode("utf-16-le")

    assert body["meta"] == {"offsets": "utf16", "characters": len(units) // 2}
    quote = body["quotes"][0]
    assert utf16_slice(quote) == f'"{quote["text"]}"' == '"We are \U0001F44D ready,"'
    assert quote["start"] == 3  # after the emoji (2 units) and a space
    assert utf16_slice(quote["speaker"]) == "Mattis"
    assert utf16_slice(quote["cue"]) == "said"
    assert utf16_slice(body["speakers"][0]["mentions"][0]) == "Mattis"
    codepoints = client.post("/v1/quotes", json={"text": EMOJI_ARTICLE}).get_json()
    assert codepoints["quotes"][0]["start"] == 2
    assert codepoints["quotes"][0]["end"] == quote["end"] - 2


def test_non_ascii_is_sent_as_utf8_json(client):
    response = post_json(client, {"text": "\u201cSo,\u201d \"caf\u00e9 ol\u00e9\" Ana said."})
    assert "café olé".encode("utf-8") in response.data


@pytest.mark.parametrize("value", ["1", "yes", "on", "True ", "flase"])
def test_include_nonspeech_query_takes_only_true_or_false(client, value):
    response = client.post("/v1/quotes", data=ARTICLE, content_type="text/plain",
                           query_string={"include_nonspeech": value})
    assert response.status_code in (400, 422)
    assert response.content_type == "application/problem+json"
