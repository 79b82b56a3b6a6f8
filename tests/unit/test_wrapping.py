"""Hard-wrapped copy: detected, read with its wraps as spaces, answered in the text sent."""
from service.engine.wrapping import is_hard_wrapped, resliced, unwrapped
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
