"use strict";
// The demo page. It sends the article to POST /v1/quotes with offsets=utf16: JavaScript strings
// are indexed in UTF-16 code units, so text.slice(start, end) is then exactly each span, emoji
// and other characters outside the BMP included. Text goes into the page as text nodes only.

const PALETTE = ["#ffd08a", "#b8f2a6", "#9fe7f5", "#c9bdff", "#ffb8ef", "#f3f59a", "#a9c8ff",
                 "#ffb0a8", "#bfead0", "#e2c2f5"];
const NO_SPEAKER = "#dddddd";
const DOUBTFUL = 0.5;  // confidence under this: dashed outline (see /docs#reliability)
const METHODS = {
  explicit: "named in the quote's own attribution (\u201c\u2026,\u201d Mattis said)",
  pronoun: "a pronoun, or the \u201cwho\u201d of a relative clause, resolved to a name",
  continuation: "carries on the speaker of the quote before it",
  context: "from the context: a \u201cquotes from X\u201d heading, or the person just named",
  none: "no speaker found",
};
const EXAMPLE = "\u201cWe are not in a position to collaborate,\u201d Jim Mattis told reporters on " +
  "Tuesday. He called the plan \u201ca dead end.\u201d\n\n\u201cWe will keep talking,\u201d he said. " +
  "Sen. Jack Reed, who chairs the committee, said the Pentagon had \u201cno plan at all.\u201d";

const $ = (id) => document.getElementById(id);
let answer = null;  // the last response, for the tooltips

function setStatus(message, isError = false) {
  $("status").textContent = message;
  $("status").classList.toggle("error", isError);
}

async function findQuotes() {
  const text = $("article").value;
  if (!text) {
    setStatus("Paste an article first.", true);
    return;
  }
  setStatus("Finding quotes\u2026");
  $("output").hidden = true;  // no stale answer beside a new error
  hideTip();
  $("run").disabled = true;
  try {
    const response = await fetch("/v1/quotes?offsets=utf16", {
      method: "POST",
      headers: {"Content-Type": "application/json"},
      body: JSON.stringify({text, include_nonspeech: $("nonspeech").checked}),
    });
    const body = await response.json();
    if (!response.ok) {
      setStatus(`${body.title}: ${body.detail}`, true);
      return;
    }
    show(text, body);
  } catch (err) {
    setStatus(`The service did not answer: ${err.message}`, true);
  } finally {
    $("run").disabled = false;
  }
}

function show(text, body) {
  answer = body;
  const colours = new Map(body.speakers.map((s, i) => [s.id, PALETTE[i % PALETTE.length]]));
  renderText(text, body, colours);
  renderSpeakers(body, colours);
  $("output").hidden = false;
  const n = body.quotes.length;
  setStatus(`${n} quote${n === 1 ? "" : "s"}, ${body.speakers.length} speaker` +
            `${body.speakers.length === 1 ? "" : "s"}.`);
}

// Every span of the answer as {start, end} plus what it is: a quote, a cue or a speaker mention.
function layers(body) {
  const all = [];
  body.quotes.forEach((q, i) => {
    all.push({start: q.start, end: q.end, quote: i});
    if (q.cue) all.push({start: q.cue.start, end: q.cue.end, cue: true});
  });
  for (const s of body.speakers) {
    for (const m of s.mentions) all.push({start: m.start, end: m.end, mention: s.id});
  }
  return all;
}

// The text cut at every span boundary; each piece goes into its innermost quote's <mark> (a
// transcript's turn holds quotes of its own), underlined when in a cue, bold when in a mention.
// Pieces make nesting and overlaps harmless.
function renderText(text, body, colours) {
  const spans = layers(body);
  const cuts = [...new Set([0, text.length, ...spans.flatMap((l) => [l.start, l.end])])]
    .sort((a, b) => a - b);
  const out = $("result");
  out.replaceChildren();
  spans.sort((x, y) => x.start - y.start);
  let mark = null;
  let markQuote = -1;
  let next = 0;
  let over = [];  // the spans covering the piece from cut a to cut b (a sweep: linear in the text)
  for (let k = 0; k + 1 < cuts.length; k++) {
    const [a, b] = [cuts[k], cuts[k + 1]];
    while (next < spans.length && spans[next].start <= a) over.push(spans[next++]);
    over = over.filter((l) => l.end > a);
    const inQuote = over.findLast((l) => l.quote !== undefined);  // spans in order of start: the innermost
    const quote = inQuote ? inQuote.quote : -1;
    if (quote !== markQuote) {
      mark = quote >= 0 ? quoteMark(body.quotes[quote], quote, colours) : null;
      if (mark) out.append(mark);
      markQuote = quote;
    }
    let node = document.createTextNode(text.slice(a, b));
    if (over.some((l) => l.cue)) node = wrap("u", "cue", node);
    const mention = over.find((l) => l.mention);
    if (mention) {
      node = wrap("b", "mention", node);
      node.style.borderBottomColor = colours.get(mention.mention);
    }
    (mark || out).append(node);
  }
}

function wrap(tag, className, child) {
  const element = document.createElement(tag);
  element.className = className;
  element.append(child);
  return element;
}

function quoteMark(quote, index, colours) {
  const mark = document.createElement("mark");
  mark.className = `quote ${quote.type}`;
  mark.classList.toggle("doubtful", quote.confidence < DOUBTFUL);
  mark.dataset.quote = index;
  mark.dataset.speaker = quote.speaker ? quote.speaker.id : "";
  mark.tabIndex = 0;
  mark.style.backgroundColor = quote.speaker ? colours.get(quote.speaker.id) : NO_SPEAKER;
  return mark;
}

function renderSpeakers(body, colours) {
  const list = $("speakers");
  list.replaceChildren();
  const bySize = [...body.speakers].sort((a, b) => b.quotes.length - a.quotes.length);
  for (const s of bySize) list.append(speakerItem(s.name, s.quotes.length, colours.get(s.id), s.id));
  const orphans = body.quotes.filter((q) => !q.speaker).length;
  if (orphans) list.append(speakerItem("no speaker found", orphans, NO_SPEAKER, ""));
}

function speakerItem(name, count, colour, id) {
  const item = document.createElement("li");
  item.dataset.speaker = id;
  const swatch = wrap("span", "swatch", "");
  swatch.style.backgroundColor = colour;
  item.append(swatch, wrap("span", "name", name),
              wrap("span", "count", `${count} quote${count === 1 ? "" : "s"}`));
  return item;
}

function tipLines(q) {
  const speaker = !q.speaker ? "no speaker found"
    : q.speaker.text === q.speaker.name ? q.speaker.name
    : `${q.speaker.name} (as \u201c${q.speaker.text}\u201d)`;
  return [
    ["speaker", `Speaker: ${speaker}`],
    ["attribution", `Attribution: ${q.attribution}, ${METHODS[q.attribution] || ""}`],
    ["confidence", `Confidence: ${q.confidence.toFixed(2)}`],
    ["kind", `Type: ${q.type}${q.cue ? `, cue \u201c${q.cue.text}\u201d` : ", no cue"}` +
             `${q.closed ? "" : ", closing mark missing"}`],
  ];
}

function showTip(mark) {
  const tip = $("tip");
  tip.replaceChildren(...tipLines(answer.quotes[mark.dataset.quote])
    .map(([name, line]) => wrap("div", name, line)));
  const box = mark.getBoundingClientRect();
  tip.style.left = `${window.scrollX + box.left}px`;
  tip.style.top = `${window.scrollY + box.bottom + 6}px`;
  tip.hidden = false;
}

function hideTip() {
  $("tip").hidden = true;
}

// Hovering a speaker in the panel dims every other speaker's quotes; id null: none dimmed.
function spotlight(id) {
  $("result").classList.toggle("spotlight", id !== null);
  for (const mark of $("result").querySelectorAll("mark.quote")) {
    mark.classList.toggle("chosen", mark.dataset.speaker === id);
  }
}

async function loadFile(file) {
  try {
    $("article").value = new TextDecoder("utf-8", {fatal: true}).decode(await file.arrayBuffer());
    setStatus(`Loaded ${file.name}; press \u201cFind quotes\u201d.`);
  } catch (err) {
    setStatus(`${file.name} is not UTF-8 text: convert it first (e.g. iconv -f cp1252 -t utf-8).`, true);
  }
}

document.addEventListener("DOMContentLoaded", () => {
  $("run").addEventListener("click", findQuotes);
  $("article").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) findQuotes();
  });
  $("example").addEventListener("click", () => {
    $("article").value = EXAMPLE;
    findQuotes();
  });
  $("file").addEventListener("change", (e) => e.target.files[0] && loadFile(e.target.files[0]));
  $("article").addEventListener("dragover", (e) => e.preventDefault());
  $("article").addEventListener("drop", (e) => {
    if (!e.dataTransfer.files.length) return;  // dropped text: the browser inserts it
    e.preventDefault();
    loadFile(e.dataTransfer.files[0]);
  });
  $("speakers").addEventListener("mouseover", (e) => {
    const item = e.target.closest("li");
    if (item) spotlight(item.dataset.speaker);
  });
  $("speakers").addEventListener("mouseleave", () => spotlight(null));
  const result = $("result");
  for (const [on, off] of [["mouseover", "mouseout"], ["focusin", "focusout"]]) {
    result.addEventListener(on, (e) => {
      const mark = e.target.closest("mark.quote");
      if (mark) showTip(mark);
    });
    result.addEventListener(off, hideTip);
  }
});
