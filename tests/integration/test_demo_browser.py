"""The demo page in a real headless Chromium (Selenium, Debian's chromium and chromium-driver),
against the real server and models: paste an article, run, and read what the page shows.

The article has emoji and other characters outside the BMP before its quotes, so that a page
slicing with the wrong offset unit marks visibly wrong spans. The expected spans come from the
API with its default code-point offsets, sliced in Python: not from the page's own unit.

DEMO_SCREENSHOT=docs/demo.png makes the test save its screenshot there (the README's picture).
"""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
import requests
from selenium import webdriver
from selenium.webdriver.chrome.service import Service as DriverService
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as shown
from selenium.webdriver.support.ui import WebDriverWait

from support import Server

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
BODY_LIMIT = 60_000  # the error test sends more; the samples are well under it
ARTICLE = (
    "\U0001F1FA\U0001F1F8 \U0001D401\U0001D42B\U0001D41E\U0001D41A\U0001D424 \U0001F600 From the Pentagon.\n\n"
    "\u201cWe are not in a position to collaborate,\u201d Jim Mattis told reporters on Tuesday. \U0001F642 "
    "He called the plan \u201ca dead end.\u201d\n\n"
    "\U0001D49C\U0001F680 \u201cWe will keep talking,\u201d said Sen. Jack Reed, who chairs the committee. "
    "Mattis said the talks were \u201cnot over.\u201d")


@pytest.fixture(scope="module")
def server(model_dir):
    with Server(model_dir, workers=1, MAX_BODY_BYTES=str(BODY_LIMIT)) as server:
        yield server


@pytest.fixture(scope="module")
def browser():
    missing = [path for path in (CHROMIUM, CHROMEDRIVER) if not os.access(path, os.X_OK)]
    if missing:
        pytest.fail(f"{' and '.join(missing)} missing: apt-get install chromium chromium-driver (./run-tests.sh does)")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1100,900",
                     "--force-device-scale-factor=1", "--lang=en-US"):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=DriverService(CHROMEDRIVER))
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def paste_and_run(browser, server, text: str, nonspeech: bool = False) -> None:
    browser.get(server.url + "/demo")
    box = browser.find_element(By.ID, "article")
    box.click()
    browser.execute_cdp_cmd("Input.insertText", {"text": text})  # what a paste does: any character
    if nonspeech:
        browser.find_element(By.ID, "nonspeech").click()
    browser.find_element(By.ID, "run").click()
    WebDriverWait(browser, 120).until(lambda b: b.find_element(By.ID, "status").text not in ("", "Finding quotes\u2026"))


def api(server, text: str, **options) -> dict:
    response = requests.post(server.url + "/v1/quotes", json={"text": text, **options}, timeout=120)
    assert response.status_code == 200, response.text
    return response.json()


def background(browser, element) -> str:
    return browser.execute_script("return getComputedStyle(arguments[0]).backgroundColor", element)


def test_pasted_article_shows_its_quotes_speakers_and_details(browser, server, tmp_path):
    expected = api(server, ARTICLE)  # code-point offsets: Python slices
    assert len(expected["quotes"]) >= 3 and len(expected["speakers"]) >= 2
    paste_and_run(browser, server, ARTICLE)
    assert browser.find_element(By.ID, "article").get_attribute("value") == ARTICLE  # nothing lost in the paste
    assert browser.find_element(By.ID, "status").text.startswith(f"{len(expected['quotes'])} quotes")

    # Every quote marked, exactly its span; the whole text shown unchanged around them.
    marks = browser.find_elements(By.CSS_SELECTOR, "#result mark.quote")
    assert [m.get_attribute("textContent") for m in marks] == \
           [ARTICLE[q["start"]:q["end"]] for q in expected["quotes"]]
    assert all(q["text"] in m.get_attribute("textContent") for m, q in zip(marks, expected["quotes"]))
    assert browser.find_element(By.ID, "result").get_attribute("textContent") == ARTICLE

    # Cues underlined and speaker mentions bold, exactly their spans.
    cues = {ARTICLE[q["cue"]["start"]:q["cue"]["end"]] for q in expected["quotes"] if q["cue"]}
    shown_cues = {u.get_attribute("textContent") for u in browser.find_elements(By.CSS_SELECTOR, "#result u.cue")}
    assert shown_cues == cues
    mentions = {ARTICLE[m["start"]:m["end"]] for s in expected["speakers"] for m in s["mentions"]}
    shown_mentions = {b.get_attribute("textContent") for b in browser.find_elements(By.CSS_SELECTOR, "b.mention")}
    assert shown_mentions == mentions

    # Speakers panel: each speaker once, with their number of quotes, in their quotes' colour.
    for speaker in expected["speakers"]:
        item = browser.find_element(By.CSS_SELECTOR, f'#speakers li[data-speaker="{speaker["id"]}"]')
        assert item.find_element(By.CLASS_NAME, "name").text == speaker["name"]
        count = len(speaker["quotes"])
        assert item.find_element(By.CLASS_NAME, "count").text == f"{count} quote{'s' if count > 1 else ''}"
        swatch = background(browser, item.find_element(By.CLASS_NAME, "swatch"))
        assert {background(browser, marks[i]) for i in speaker["quotes"]} == {swatch}
    colours = {background(browser, browser.find_element(By.CSS_SELECTOR, f'li[data-speaker="{s["id"]}"] .swatch'))
               for s in expected["speakers"]}
    assert len(colours) == len(expected["speakers"])  # one colour per speaker

    # Hovering a speaker leaves only their quotes at full strength.
    last = expected["speakers"][-1]
    ActionChains(browser).move_to_element(browser.find_element(
        By.CSS_SELECTOR, f'#speakers li[data-speaker="{last["id"]}"]')).perform()
    opacity = [float(browser.execute_script("return getComputedStyle(arguments[0]).opacity", m)) for m in marks]
    assert [i for i, o in enumerate(opacity) if o == 1.0] == last["quotes"]

    # Hover: the quote's speaker, how it was attributed and its confidence.
    tip = browser.find_element(By.ID, "tip")
    for mark, quote in zip(marks, expected["quotes"]):
        ActionChains(browser).move_to_element(mark).perform()
        WebDriverWait(browser, 5).until(shown.visibility_of(tip))
        assert f"Attribution: {quote['attribution']}," in tip.text
        confidence = float(re.search(r"Confidence: ([0-9.]+)", tip.text).group(1))
        assert abs(confidence - quote["confidence"]) <= 0.005
        assert (quote["speaker"]["name"] if quote["speaker"] else "no speaker found") in tip.text
    ActionChains(browser).move_to_element(browser.find_element(By.TAG_NAME, "h1")).perform()
    WebDriverWait(browser, 5).until(shown.invisibility_of_element(tip))

    browser.execute_script("window.scrollTo(0, document.getElementById('status').offsetTop - 8)")
    ActionChains(browser).move_to_element(marks[1]).perform()  # a tooltip in the picture
    shot = tmp_path / "demo.png"
    assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 10_000
    if os.environ.get("DEMO_SCREENSHOT"):
        shutil.copyfile(shot, Path(os.environ["DEMO_SCREENSHOT"]))


def test_nonspeech_option_marks_the_extra_quotes(browser, server):
    text = 'The general, nicknamed \u201cMad Dog\u201d by his troops, retired. \u201cWe knew it,\u201d Ann Lee said.'
    expected = api(server, text, include_nonspeech=True)
    assert len(expected["quotes"]) > len(api(server, text)["quotes"])
    paste_and_run(browser, server, text, nonspeech=True)
    marks = browser.find_elements(By.CSS_SELECTOR, "#result mark.quote")
    assert [m.get_attribute("textContent") for m in marks] == [text[q["start"]:q["end"]] for q in expected["quotes"]]
    assert [m.get_attribute("class").split()[1] for m in marks] == [q["type"] for q in expected["quotes"]]


def test_a_transcripts_turn_and_the_quote_it_holds_are_each_marked(browser, server):
    text = ("Fresh Air host Terry Gross spoke to the novelist Zadie Smith.\n\nGROSS: Welcome.\n\n"
            "SMITH: Thanks.\n\nGROSS: You said \u201cfiction is a kind of empathy.\u201d Why?\n\nSMITH: It is.")
    expected = api(server, text)["quotes"]
    assert [q["type"] for q in expected] == ["turn", "turn", "turn", "partial", "turn"]
    paste_and_run(browser, server, text)
    pieces: dict[int, list[str]] = {}
    for mark in browser.find_elements(By.CSS_SELECTOR, "#result mark.quote"):
        pieces.setdefault(int(mark.get_attribute("data-quote")), []).append(mark.get_attribute("textContent"))
    assert pieces.pop(2) == ["You said ", " Why?"]  # the turn, around the quote it holds
    assert {i: "".join(parts) for i, parts in pieces.items()} == \
           {i: text[q["start"]:q["end"]] for i, q in enumerate(expected) if i != 2}
    assert browser.find_element(By.ID, "result").get_attribute("textContent") == text


def test_an_error_from_the_api_is_shown_instead_of_the_last_answer(browser, server):
    paste_and_run(browser, server, '"We are ready," Ann Lee said.')
    assert browser.find_element(By.ID, "output").is_displayed()
    box = browser.find_element(By.ID, "article")
    box.clear()
    box.click()
    browser.execute_cdp_cmd("Input.insertText", {"text": "x" * (BODY_LIMIT + 10)})
    browser.find_element(By.ID, "run").click()
    status = browser.find_element(By.ID, "status")
    WebDriverWait(browser, 60).until(lambda b: "error" in status.get_attribute("class"))
    body_size = BODY_LIMIT + 10 + len('{"text":"","include_nonspeech":false}')  # JSON.stringify's body
    assert status.text.startswith(f"Content Too Large: The request body is {body_size} bytes")
    assert not browser.find_element(By.ID, "output").is_displayed()


def test_the_page_loads_nothing_from_elsewhere(browser, server):
    browser.get_log("browser")  # drops what earlier tests logged
    browser.get(server.url + "/demo")
    browser.find_element(By.ID, "example").click()  # the built-in example, through the API
    WebDriverWait(browser, 120).until(lambda b: b.find_elements(By.CSS_SELECTOR, "#result mark.quote"))
    urls = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert len(urls) >= 3 and all(url.startswith(server.url + "/") for url in urls)
    assert browser.get_log("browser") == []  # no failed loads, script errors or CSP violations


def test_a_file_opened_is_read_as_utf8_or_refused(browser, server, tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("\u201cCaf\u00e9 cr\u00e8me,\u201d Ann said.".encode("cp1252"))
    browser.get(server.url + "/demo")
    browser.find_element(By.ID, "file").send_keys(str(article))
    box = browser.find_element(By.ID, "article")
    WebDriverWait(browser, 10).until(lambda b: box.get_attribute("value"))
    assert box.get_attribute("value") == ARTICLE
    assert browser.find_element(By.ID, "status").text.startswith("Loaded article.txt")
    browser.find_element(By.ID, "file").send_keys(str(latin1))
    status = browser.find_element(By.ID, "status")
    WebDriverWait(browser, 10).until(lambda b: "latin1.txt" in status.text)
    assert "is not UTF-8 text" in status.text and "error" in status.get_attribute("class")
    assert box.get_attribute("value") == ARTICLE  # left as it was


def test_a_long_real_article_is_marked_exactly(browser, server, sample_paths):
    article = max(sample_paths, key=lambda p: p.stat().st_size).read_text(encoding="utf-8")
    expected = api(server, article)
    paste_and_run(browser, server, article)
    marks = browser.find_elements(By.CSS_SELECTOR, "#result mark.quote")
    assert len(marks) == len(expected["quotes"]) > 10
    assert [m.get_attribute("textContent") for m in marks] == \
           [article[q["start"]:q["end"]] for q in expected["quotes"]]
    assert browser.find_element(By.ID, "result").get_attribute("textContent") == article


def test_a_file_dropped_on_the_box_is_loaded(browser, server):
    browser.get(server.url + "/demo")
    browser.execute_script("""
        const data = new DataTransfer();
        data.items.add(new File([arguments[0]], "dropped.txt", {type: "text/plain"}));
        document.getElementById("article").dispatchEvent(
            new DragEvent("drop", {dataTransfer: data, bubbles: true, cancelable: true}));""", ARTICLE)
    box = browser.find_element(By.ID, "article")
    WebDriverWait(browser, 10).until(lambda b: box.get_attribute("value"))
    assert box.get_attribute("value") == ARTICLE
    assert browser.find_element(By.ID, "status").text.startswith("Loaded dropped.txt")
