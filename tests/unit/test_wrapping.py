"""Hard-wrapped copy: detected, read with its wraps as spaces, answered in the text sent."""
import textwrap

from service.engine.wrapping import is_hard_wrapped, resliced, unwrapped, wrapped_width
from service.engine.model import Extraction, Quote, Span, Speaker, SpeakerRef

WIRE = ("WASHINGTON (Reuters) - The Senate passed the bill on Tuesday after a\n"
        "long night of debate, sending it to the House for a final vote.\n\n"
        "\"We did it,\" said Senator Ann Lee, who led the talks. \"It was not\n"
        "easy, and it will not be the last time we have to fight for it.\n\n"
        "\"The House must now act,\" she said. Aides said the vote could come as\n"
        "early as Friday, though leaders have not yet set a date for it.\n\n"
        "The bill would raise the federal minimum wage in steps over five\n"
        "years and tie later rises to inflation, as several states do.\n\n"
        "Business groups said they would press the House to slow the steps,\n"
        "warning that small employers in rural areas could cut jobs.")


def test_wrapped_lines_become_spaces_one_for_one():
    assert is_hard_wrapped(WIRE)
    flat = unwrapped(WIRE)
    assert len(flat) == len(WIRE)
    assert flat.count("\n\n") == WIRE.count("\n\n") and flat.count("\n") == 2 * flat.count("\n\n")
    assert "\"It was not easy," in flat


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in text.split("\n\n")]


def test_indented_paragraphs_mark_the_breaks_kept():
    indented = "\n".join("    " + p.replace("\n", "\n") for p in WIRE.split("\n\n"))
    flat = unwrapped(indented)
    assert len(flat) == len(indented) and flat.count("\n") == WIRE.count("\n\n")
    assert [" ".join(p.split()) for p in flat.split("\n")] == _paragraphs(WIRE)


PARAGRAPHS = [
    "NEW YORK (Reuters) - Shares of Acme Corp fell 12% on Tuesday after the company cut its full-year "
    "forecast, citing weaker demand in China and rising costs at its plants in Mexico.",
    "\"We are seeing a slowdown that we did not anticipate,\" Chief Executive Jane Doe told analysts on a "
    "conference call. \"We are taking steps to protect our margins.\"",
    "Analysts were unimpressed. \"This is the third guidance cut in a row,\" said Tom Baker, an analyst "
    "at Morningstar. \"Investors are losing patience with the management team.\"",
    "The company said it expects revenue of $4.1 billion to $4.3 billion, below the $4.6 billion "
    "analysts had expected."]


def test_copy_with_nothing_between_paragraphs_joins_only_its_full_lines():
    pasted = "\n".join(textwrap.fill(p, 68) for p in PARAGRAPHS)  # as pasted from a PDF
    assert not is_hard_wrapped(pasted) and wrapped_width(pasted) is not None
    flat = unwrapped(pasted)
    assert len(flat) == len(pasted) and [" ".join(p.split()) for p in flat.split("\n")] == PARAGRAPHS


def test_short_lines_that_end_sentences_are_paragraphs_not_wraps():
    transcript = "\n".join(["Q: Where were you on the night of the storm last year?",
                            "A: I was at home with my two daughters and my husband.",
                            "Q: Did you hear the warning on the radio before it hit?",
                            "A: No. The power was already out by then, so we heard nothing.",
                            "Q: What did you do when the water started coming in?",
                            "A: We went up to the attic and waited there for the boats."])
    assert not is_hard_wrapped(transcript) and wrapped_width(transcript) is None
    assert unwrapped(transcript) is transcript


def test_ordinary_layouts_are_left_alone():
    paragraphs = "A headline\n\nOne paragraph of a story.\n\n\"A quote,\" she said.\nA short line.\nAnother."
    assert not is_hard_wrapped(paragraphs) and unwrapped(paragraphs) is paragraphs
    assert unwrapped("one line, no break") == "one line, no break"


def test_extraction_made_from_the_unwrapped_text_quotes_the_text_sent():
    flat = unwrapped(WIRE)
    start = flat.index('"It was')
    end = flat.index("it.", start) + 3
    inner = flat[start + 1:end]
    mention = Span("Ann Lee", flat.index("Ann Lee"), flat.index("Ann Lee") + 7)
    quote = Quote(inner, start, end, "direct", speaker=SpeakerRef("Ann Lee", mention, "s1"),
                  cue=Span("said", flat.index("said"), flat.index("said") + 4))
    out = resliced(Extraction([quote], [Speaker("s1", "Ann Lee", [mention], [0])]), flat, WIRE)
    (got,) = out.quotes
    assert got.text == WIRE[start + 1:end] and "\n" in got.text
    assert (got.start, got.end, got.speaker.name) == (start, end, "Ann Lee")
    assert WIRE[got.cue.start:got.cue.end] == got.cue.text == "said"
    assert out.speakers[0].mentions[0].text == WIRE[mention.start:mention.end]
    assert quote.text == inner  # the input is not changed
