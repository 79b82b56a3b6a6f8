"""Code point -> UTF-16 code unit offsets."""
from hypothesis import given
from hypothesis import strategies as st

from service.offsets import utf16_converter, utf16_length


def utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_ascii_and_bmp_offsets_are_unchanged():
    text = "Caf\u00e9 \u201cquoted\u201d \u4e2d\u6587"
    conv = utf16_converter(text)
    assert [conv(i) for i in range(len(text) + 1)] == list(range(len(text) + 1))


def test_astral_emoji_counts_two_units():
    text = 'A \U0001F600 said "hi" \U0001F44D\U0001F3FD.'  # grinning face; thumbs up + skin tone
    conv = utf16_converter(text)
    start = text.index('"')
    assert text[start:start + 4] == '"hi"'
    assert conv(2) == 2  # just before the emoji
    assert conv(3) == 4  # just after it
    assert conv(start) == start + 1
    assert conv(len(text)) == len(text) + 3
    assert utf16_length(text) == utf16_units(text)
    # the same slice in UTF-16 code units
    units = text.encode("utf-16-le")
    assert units[2 * conv(start):2 * conv(start + 4)].decode("utf-16-le") == '"hi"'


def test_text_of_only_astral_characters():
    text = "\U0001F600" * 5
    conv = utf16_converter(text)
    assert [conv(i) for i in range(6)] == [0, 2, 4, 6, 8, 10]


def test_empty_text():
    assert utf16_converter("")(0) == 0
    assert utf16_length("") == 0


@given(st.text(alphabet=st.characters(exclude_categories=["Cs"])), st.data())
def test_matches_utf16_encoding(text, data):
    i = data.draw(st.integers(0, len(text)))
    assert utf16_converter(text)(i) == utf16_units(text[:i])
