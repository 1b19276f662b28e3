/*
 * What a paste into the body editor becomes. Reporters paste from Word,
 * Google Docs, WhatsApp, web pages and plain text; each brings its own
 * noise (Word's mso- styles, <o:p> and list bullets written as text, the
 * Google Docs <b id="docs-internal-guid-…"> wrapper and a styled span per
 * run, a page's classes, scripts, ads and buttons, WhatsApp's *bold*).
 * Only structure the body allow-list keeps survives: paragraphs,
 * subheadings, lists, quotes, links, bold and italic.
 *
 * The clipboard's HTML is read into an inert document (DOMParser: nothing
 * runs, nothing loads), so this works under the strict CSP. The server's
 * sanitizer still has the last word; this only keeps the editor's own
 * output clean, so the reporter sees what will be stored.
 */
import { pm } from "../django_prose_editor/editor.js";

const { DOMParser: SchemaParser, Slice } = pm.model;

// Never content in a story: code, media players, form controls, page furniture.
const DROP = [
  "script", "style", "noscript", "template", "iframe", "object", "embed", "video", "audio", "canvas", "svg",
  "button", "input", "select", "textarea", "meta", "link", "title",
].join(", ");
const BLOCK_TAGS = new Set([
  "P", "H1", "H2", "H3", "H4", "H5", "H6", "UL", "OL", "LI", "TABLE", "BLOCKQUOTE", "DIV", "FIGURE", "FIGCAPTION",
  "ASIDE", "SECTION", "ARTICLE", "HEADER", "FOOTER", "PRE", "HR",
]);
const EMPTYABLE = "p, h1, h2, h3, h4, h5, h6, li, blockquote, div, ul, ol, figure, section, article";
// The attributes a pasted element may keep; everything else (style, class, id, on…, target, rel, lang) goes.
const KEEP_ATTRIBUTES = { A: ["href", "title"], TD: ["colspan", "rowspan"], TH: ["colspan", "rowspan"] };
const NBSP = /\u00a0/g;

/*
 * Even in an inert document our CSP checks, refuses and reports inline
 * styles, <style> and <script> elements and event handler attributes, so
 * those never reach the parser: the elements go, and style and on…
 * attributes are kept under another name (styles still say what is bold,
 * italic or one of Word's lists).
 */
const TAG = /<[a-zA-Z][^>]*>/g;
const INLINE_CODE = /<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const STYLE_ATTRIBUTE = /(\s)(style|on[a-z]+)(\s*=)/gi;
const STYLE = "data-paste-style";
const HEAVY = /(?:^|;)\s*font-weight\s*:\s*(?:bold|bolder|[6-9]00)\b/i;
const LIGHT = /(?:^|;)\s*font-weight\s*:\s*(?:normal|lighter|[1-5]00)\b/i;
const ITALIC = /(?:^|;)\s*font-style\s*:\s*italic\b/i;

function hideStyles(html) {
  const renamed = (tag) => tag.replace(STYLE_ATTRIBUTE, (match, space, name, equals) => `${space}${name.toLowerCase() === "style" ? STYLE : `data-paste-${name}`}${equals}`);
  return html.replace(INLINE_CODE, "").replace(TAG, renamed);
}

function isBlock(node) {
  return node != null && node.nodeType === Node.ELEMENT_NODE && BLOCK_TAGS.has(node.tagName);
}

function meaningfulSibling(node, direction) {
  let sibling = node[direction];
  while (sibling && ((sibling.nodeType === Node.TEXT_NODE && !sibling.data.trim()) || sibling.nodeType === Node.COMMENT_NODE)) {
    sibling = sibling[direction];
  }
  return sibling;
}

function unwrap(element) {
  element.replaceWith(...element.childNodes);
}

function wrapChildren(element, tag) {
  const wrapper = element.ownerDocument.createElement(tag);
  wrapper.append(...element.childNodes);
  element.append(wrapper);
}

function comments(root) {
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_COMMENT);
  const found = [];
  while (walker.nextNode()) found.push(walker.currentNode);
  return found;
}

/*
 * Word writes a list as paragraphs styled "mso-list", each starting with its
 * bullet or number as text between <![if !supportLists]> and <![endif]>
 * (comments once parsed). Those become real <ul>/<ol> items.
 */
function convertWordLists(root) {
  const doc = root.ownerDocument;
  const markers = new Map();
  for (const start of comments(root)) {
    if (!start.isConnected || !/^\[if !supportLists\]/.test(start.data)) continue;
    let text = "";
    let node = start.nextSibling;
    while (node && !(node.nodeType === Node.COMMENT_NODE && /^\[endif\]/.test(node.data))) {
      const next = node.nextSibling;
      text += node.textContent;
      node.remove();
      node = next;
    }
    if (node) node.remove();
    const paragraph = start.parentElement && start.parentElement.closest("p");
    if (paragraph) markers.set(paragraph, text.replace(NBSP, " ").trim());
    start.remove();
  }
  for (const ignored of root.querySelectorAll(`span[${STYLE}*="mso-list:Ignore" i]`)) {
    const paragraph = ignored.closest("p");
    if (paragraph && !markers.has(paragraph)) markers.set(paragraph, ignored.textContent.replace(NBSP, " ").trim());
    ignored.remove();
  }
  for (const paragraph of root.querySelectorAll(`p[${STYLE}*="mso-list" i], p[class^="MsoListParagraph" i]`)) {
    if (!markers.has(paragraph) && !/^MsoListParagraph/i.test(paragraph.className)) continue;
    const kind = /^[0-9a-z]{1,4}[.)]$/i.test(markers.get(paragraph) || "") ? "OL" : "UL";
    const previous = meaningfulSibling(paragraph, "previousSibling");
    let list = previous;
    if (!(list && list.tagName === kind && list.dataset.fromWord)) {
      list = doc.createElement(kind);
      list.dataset.fromWord = "1";
      paragraph.before(list);
    }
    const item = doc.createElement("li");
    item.append(...paragraph.childNodes);
    list.append(item);
    paragraph.remove();
  }
}

/* Bold and italic set by style (Google Docs, pasted web pages) as elements, before styles go. */
function stylesToMarks(root) {
  for (const element of root.querySelectorAll(`[${STYLE}]`)) {
    const style = element.getAttribute(STYLE);
    if ((element.tagName === "B" || element.tagName === "STRONG") && LIGHT.test(style)) {
      unwrap(element);
      continue;
    }
    if (element.tagName === "SPAN" || element.tagName === "FONT") {
      if (HEAVY.test(style)) wrapChildren(element, "strong");
      if (ITALIC.test(style)) wrapChildren(element, "em");
    }
  }
}

function dropEmptyBlocks(root) {
  for (const block of [...root.querySelectorAll(EMPTYABLE)].reverse()) {
    if (!block.textContent.replace(NBSP, " ").trim() && !block.querySelector("img, figure[data-block], aside[data-block]")) {
      block.remove();
    }
  }
}

export function cleanPastedHTML(html) {
  // Copied inside one of our editors: already in the body's own shape.
  if (html.includes("data-pm-slice")) return html;
  const doc = new DOMParser().parseFromString(hideStyles(html), "text/html");
  const root = doc.body;
  convertWordLists(root);
  for (const element of root.querySelectorAll(DROP)) element.remove();
  for (const element of root.querySelectorAll("img, picture")) element.remove();
  // Word's empty paragraph marks, and the Google Docs wrapper (<b style="font-weight:normal">).
  for (const element of root.querySelectorAll("o\\:p")) element.remove();
  for (const element of root.querySelectorAll('b[id^="docs-internal-guid"]')) unwrap(element);
  stylesToMarks(root);
  // A subheading is emphasis enough.
  for (const element of root.querySelectorAll("h1 b, h1 strong, h2 b, h2 strong, h3 b, h3 strong, h4 b, h4 strong, h5 b, h5 strong, h6 b, h6 strong")) {
    unwrap(element);
  }
  // Line breaks that only stand between blocks (Google Docs puts one for
  // each empty line) or end one would become empty paragraphs.
  for (const br of root.querySelectorAll("br")) {
    const before = meaningfulSibling(br, "previousSibling");
    const after = meaningfulSibling(br, "nextSibling");
    if (!before || !after || isBlock(before) || isBlock(after)) br.remove();
  }
  for (const element of root.querySelectorAll("*")) {
    const keep = KEEP_ATTRIBUTES[element.tagName] || [];
    for (const name of element.getAttributeNames()) {
      if (!keep.includes(name)) element.removeAttribute(name);
    }
  }
  for (const comment of comments(root)) comment.remove();
  // Word and web pages hold words apart with no-break spaces; a story needs plain ones.
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) walker.currentNode.data = walker.currentNode.data.replace(NBSP, " ");
  dropEmptyBlocks(root);
  return root.innerHTML;
}

/* Plain text (WhatsApp, a text file, an e-mail): structure from its lines. */

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"]+/g;
// Punctuation after an address belongs to the sentence, not the address.
const URL_TRAILING = /[.,;:!?'"”’)\]]+$/;
// WhatsApp's *bold* and _italic_: markers touching the words they wrap.
const EMPHASIS = /(^|[\s(["“‘'])([*_])(?=\S)(.*?\S)\2(?=$|[\s.,;:!?)\]"”’'])/g;
const LIST_ITEM = /^\s*(?:([-•*·])|(\d{1,3})[.)])\s+(\S.*)$/;
const QUOTE_LINE = /^\s*>\s?(.*)$/;
const SENTENCE_END = /[.!?…:;,"”'’)]$/;
const BLANK_LINE = /\n[ \t\u00a0]*\n/;
const SUBHEADING_MAX = 70;
const HAS_URL = /\bhttps?:\/\//;

function appendEmphasis(parent, text) {
  let last = 0;
  for (const match of text.matchAll(EMPHASIS)) {
    const start = match.index + match[1].length;
    parent.append(text.slice(last, start));
    const mark = document.createElement(match[2] === "*" ? "strong" : "em");
    mark.textContent = match[3];
    parent.append(mark);
    last = match.index + match[0].length;
  }
  parent.append(text.slice(last));
}

function appendInline(parent, text) {
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = match[0].replace(URL_TRAILING, "");
    appendEmphasis(parent, text.slice(last, match.index));
    const link = document.createElement("a");
    link.href = url;
    link.textContent = url;
    parent.append(link);
    last = match.index + url.length;
  }
  appendEmphasis(parent, text.slice(last));
}

function isSubheading(text) {
  const words = text.replace(/^\*(.+)\*$/, "$1");
  return words.length <= SUBHEADING_MAX && /\p{L}/u.test(words) && !SENTENCE_END.test(words) && !HAS_URL.test(words);
}

/* One group of lines (a block between blank lines) as paragraphs, list items and quotes. */
function readLines(lines, joinWrapped) {
  const items = [];
  for (const line of lines) {
    const listItem = LIST_ITEM.exec(line);
    const quote = QUOTE_LINE.exec(line);
    const previous = items[items.length - 1];
    if (listItem) {
      items.push({ kind: listItem[2] ? "ol" : "ul", text: listItem[3].trim() });
    } else if (quote) {
      if (previous && previous.kind === "blockquote") previous.text += ` ${quote[1].trim()}`;
      else items.push({ kind: "blockquote", text: quote[1].trim() });
    } else if (joinWrapped && previous && previous.kind === "p" && !SENTENCE_END.test(previous.text)) {
      // A line broken mid-sentence (a wrapped e-mail or wire story) continues its paragraph.
      previous.text += ` ${line.trim()}`;
    } else {
      items.push({ kind: "p", text: line.trim() });
    }
  }
  return items;
}

export function textToDOM(text) {
  const root = document.createElement("div");
  const normalized = text.replace(/\r\n?/g, "\n").trim();
  if (!normalized.includes("\n")) {
    // A phrase: pasted as it is, spaces and all, into the paragraph at the cursor.
    const paragraph = document.createElement("p");
    appendInline(paragraph, text.replace(/[\r\n]+/g, ""));
    root.append(paragraph);
    return root;
  }
  // With blank lines between paragraphs, a single line break is only a wrap
  // or a new sentence line; without any, every line is a paragraph.
  const blankSeparated = BLANK_LINE.test(normalized);
  const groups = (blankSeparated ? normalized.split(/\n[ \t\u00a0]*(?:\n[ \t\u00a0]*)+/) : normalized.split("\n"))
    .map((group) => group.split("\n").filter((line) => line.trim()))
    .filter((lines) => lines.length);
  let list = null;
  for (const lines of groups) {
    const items = readLines(lines, blankSeparated);
    // A short line standing alone between blank lines, not a sentence: a subheading.
    if (blankSeparated && groups.length > 1 && items.length === 1 && lines.length === 1 && items[0].kind === "p" && isSubheading(items[0].text)) {
      items[0] = { kind: "h2", text: items[0].text.replace(/^\*(.+)\*$/, "$1") };
    }
    for (const item of items) {
      if (item.kind === "ul" || item.kind === "ol") {
        if (!list || list.tagName.toLowerCase() !== item.kind) {
          list = document.createElement(item.kind);
          root.append(list);
        }
        const entry = document.createElement("li");
        const paragraph = document.createElement("p");
        appendInline(paragraph, item.text);
        entry.append(paragraph);
        list.append(entry);
        continue;
      }
      list = null;
      const block = document.createElement(item.kind === "blockquote" ? "p" : item.kind);
      appendInline(block, item.text);
      if (item.kind === "blockquote") {
        const quote = document.createElement("blockquote");
        quote.append(block);
        root.append(quote);
      } else {
        root.append(block);
      }
    }
    list = blankSeparated ? null : list;
  }
  return root;
}

/* ProseMirror's clipboardTextParser: the text's structure, open at both ends so a phrase pasted mid-sentence joins it. */
export function parsePastedText(text, $context, plain, view) {
  const parsed = SchemaParser.fromSchema(view.state.schema).parseSlice(textToDOM(text), { preserveWhitespace: true, context: $context });
  return Slice.maxOpen(parsed.content, true);
}
