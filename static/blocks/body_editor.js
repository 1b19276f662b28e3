/*
 * The article body editor: django-prose-editor's Tiptap build with exactly
 * what the body allow-list keeps (paragraph, H2–H4, bold, italic, link,
 * lists, quote, table) plus the newsroom blocks: Picture, "Baca juga" and
 * Embed. Loaded as a module from our static files; no inline script, no
 * injected <style> (Tiptap's base rules are in blocks/editor.css), so it
 * runs under the strict Content-Security-Policy.
 *
 * The textarea stays the form field: it is only rewritten when the editor's
 * content changes, so opening and saving a story leaves its HTML as it was.
 */
import {
  Blockquote, Bold, BulletList, Document, Dropcursor, Editor, Gapcursor, HardBreak, Heading, History,
  Italic, Link, ListItem, Menu, Node, OrderedList, Paragraph, Table, TableCell, TableHeader, TableRow, Text,
} from "../django_prose_editor/editor.js";
import { cleanPastedHTML, parsePastedText } from "./paste.js";

const LEVELS = [2, 3, 4];

function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "dataset") Object.assign(node.dataset, value);
    else if (key in node) node[key] = value;
    else node.setAttribute(key, value);
  }
  node.append(...children);
  return node;
}

function csrfToken() {
  const field = document.querySelector("input[name=csrfmiddlewaretoken]");
  return field ? field.value : "";
}

async function getJSON(url, params) {
  const response = await fetch(`${url}?${new URLSearchParams(params)}`, { headers: { Accept: "application/json" }, credentials: "same-origin" });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(data.error || "");
  return data;
}

/* Headings: H2–H4 as the allow-list keeps them; a pasted H1 becomes H2, H5/H6 become H4. */
const NewsHeading = Heading.extend({
  parseHTML() {
    return [
      ...LEVELS.map((level) => ({ tag: `h${level}`, attrs: { level } })),
      { tag: "h1", attrs: { level: 2 } },
      { tag: "h5", attrs: { level: 4 } },
      { tag: "h6", attrs: { level: 4 } },
    ];
  },
});

function quiet(defaultValue, parse) {
  // Attributes rendered by the node itself, not copied onto its element.
  return { default: defaultValue, parseHTML: parse, renderHTML: () => ({}) };
}

function blockNode(name, spec) {
  return Node.create({ name, group: "block", atom: true, draggable: true, selectable: true, ...spec });
}

const Picture = blockNode("picture", {
  addAttributes: () => ({
    image: quiet(null, (el) => el.getAttribute("data-image")),
    src: quiet("", (el) => el.querySelector("img")?.getAttribute("src") || ""),
    alt: quiet("", (el) => el.querySelector("img")?.getAttribute("alt") || ""),
    caption: quiet("", (el) => el.querySelector("figcaption")?.textContent || ""),
  }),
  parseHTML: () => [{ tag: 'figure[data-block="picture"]' }],
  renderHTML: ({ node }) => {
    const { image, src, alt, caption } = node.attrs;
    const figure = ["figure", { "data-block": "picture", "data-image": String(image) }, ["img", { src, alt }]];
    if (caption) figure.push(["figcaption", {}, caption]);
    return figure;
  },
});

const ReadAlso = blockNode("readAlso", {
  addAttributes: () => ({
    href: quiet("", (el) => el.querySelector("a")?.getAttribute("href") || ""),
    headline: quiet("", (el) => el.querySelector("a")?.textContent || ""),
  }),
  parseHTML: () => [{ tag: 'aside[data-block="read-also"]' }],
  renderHTML: ({ node }) => ["aside", { "data-block": "read-also" }, ["a", { href: node.attrs.href }, node.attrs.headline]],
});

const Embed = blockNode("embed", {
  addAttributes: () => ({
    provider: quiet("", (el) => el.getAttribute("data-provider") || ""),
    url: quiet("", (el) => el.querySelector("a")?.getAttribute("href") || ""),
    title: quiet("", (el) => el.querySelector("a")?.textContent || ""),
  }),
  parseHTML: () => [{ tag: 'figure[data-block="embed"]' }],
  renderHTML: ({ node }) => {
    const { provider, url, title } = node.attrs;
    return ["figure", { "data-block": "embed", "data-provider": provider }, ["a", { href: url }, title || url]];
  },
});

/* A modal dialog built from DOM nodes. Enter never submits the article form. */
function openDialog(editor, title, build) {
  const status = el("p", { className: "blocks-status", role: "status" });
  const body = el("div", { className: "blocks-dialog-body" });
  const cancel = el("button", { type: "button", className: "blocks-cancel", textContent: LABELS.cancel });
  const dialog = el("dialog", { className: "prose-editor-dialog blocks-dialog" }, [el("h2", { textContent: title }), body, status, cancel]);
  cancel.addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => dialog.remove());
  dialog.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && event.target.tagName === "INPUT") event.preventDefault();
  });
  editor.view.dom.closest(".prose-editor").append(dialog);
  const say = (text) => { status.textContent = text || ""; };
  const done = (content) => {
    dialog.close();
    editor.chain().focus().insertContent(content).run();
  };
  build(body, { say, done });
  dialog.showModal();
  return dialog;
}

function searchBox(onSearch) {
  const input = el("input", { type: "search", className: "blocks-search", placeholder: LABELS.search, "aria-label": LABELS.search });
  let timer = null;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => onSearch(input.value), 250);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") onSearch(input.value);
  });
  return input;
}

function pictureDialog(editor) {
  openDialog(editor, LABELS.picture, (body, { say, done }) => {
    const results = el("div", { className: "blocks-pictures" });
    const insert = (picture) => done({ type: "picture", attrs: { image: picture.id, src: picture.src, alt: picture.alt, caption: picture.caption } });
    const search = async (term) => {
      try {
        const { results: found } = await getJSON(URLS.pictures, { q: term });
        results.replaceChildren(...found.map((picture) => {
          const choice = el("button", { type: "button", className: "blocks-picture", title: picture.alt }, [
            el("img", { src: picture.thumb, alt: "" }), el("span", { textContent: picture.caption || picture.alt }),
          ]);
          choice.addEventListener("click", () => insert(picture));
          return choice;
        }));
        say(found.length ? "" : LABELS.nothingFound);
      } catch (error) {
        say(error.message || LABELS.failed);
      }
    };
    const file = el("input", { type: "file", accept: "image/jpeg,image/png,image/webp,image/gif", "aria-label": LABELS.file });
    const alt = el("input", { type: "text", maxLength: 250, "aria-label": LABELS.altText, placeholder: LABELS.altText });
    const caption = el("input", { type: "text", maxLength: 500, "aria-label": LABELS.caption, placeholder: LABELS.caption });
    const credit = el("input", { type: "text", maxLength: 200, "aria-label": LABELS.credit, placeholder: LABELS.credit });
    const send = el("button", { type: "button", className: "blocks-upload", textContent: LABELS.upload });
    send.addEventListener("click", async () => {
      const form = new FormData();
      if (file.files[0]) form.append("file", file.files[0]);
      form.append("alt_text", alt.value);
      form.append("caption", caption.value);
      form.append("credit", credit.value);
      say(LABELS.working);
      send.disabled = true;
      try {
        const response = await fetch(URLS.upload, { method: "POST", body: form, credentials: "same-origin", headers: { "X-CSRFToken": csrfToken() } });
        const data = await response.json().catch(() => ({}));
        if (!response.ok) throw new Error(data.error || LABELS.failed);
        insert(data);
      } catch (error) {
        say(error.message || LABELS.failed);
      } finally {
        send.disabled = false;
      }
    });
    body.append(
      el("p", { textContent: LABELS.choosePicture }),
      searchBox(search), results,
      el("fieldset", { className: "blocks-upload-form" }, [el("legend", { textContent: LABELS.upload }), file, alt, caption, credit, send]),
    );
    search("");
  });
}

function readAlsoDialog(editor) {
  openDialog(editor, LABELS.readAlso, (body, { say, done }) => {
    const results = el("ul", { className: "blocks-articles" });
    const search = async (term) => {
      try {
        const { results: found } = await getJSON(URLS.articles, { q: term });
        results.replaceChildren(...found.map((article) => {
          const choice = el("button", { type: "button", textContent: article.headline });
          choice.addEventListener("click", () => done({ type: "readAlso", attrs: { href: article.url, headline: article.headline } }));
          return el("li", {}, [choice]);
        }));
        say(found.length ? "" : LABELS.nothingFound);
      } catch (error) {
        say(error.message || LABELS.failed);
      }
    };
    body.append(el("p", { textContent: LABELS.chooseArticle }), searchBox(search), results);
    search("");
  });
}

function embedDialog(editor) {
  openDialog(editor, LABELS.embed, (body, { say, done }) => {
    const url = el("input", { type: "url", className: "blocks-embed-url", "aria-label": LABELS.embedUrl, placeholder: LABELS.embedUrl });
    const title = el("input", { type: "text", maxLength: 200, className: "blocks-embed-title", "aria-label": LABELS.embedTitle, placeholder: LABELS.embedTitle });
    const insert = el("button", { type: "button", className: "blocks-embed-insert", textContent: LABELS.insert });
    const check = async () => {
      try {
        const found = await getJSON(URLS.embed, { url: url.value });
        done({ type: "embed", attrs: { provider: found.provider, url: found.url, title: title.value.trim() } });
      } catch (error) {
        say(error.message || LABELS.failed);
      }
    };
    insert.addEventListener("click", check);
    url.addEventListener("keydown", (event) => { if (event.key === "Enter") check(); });
    body.append(url, title, insert);
  });
}

/* The blocks' toolbar buttons, in a group of their own. */
const NewsroomBlocks = Node.create({
  name: "newsroomBlocks",
  addMenuItems({ buttons, menu }) {
    const items = [["picture", LABELS.picture, pictureDialog], ["readAlso", LABELS.readAlso, readAlsoDialog], ["embed", LABELS.embed, embedDialog]];
    for (const [name, label, open] of items) {
      menu.defineItem({ name: `block-${name}`, groups: "blocks", button: buttons.text(label), command: (editor) => open(editor) });
    }
  },
});

const MENU_GROUPS = [
  { group: "blockType -lists", type: "dropdown", minItems: 2 },
  { group: "lists" },
  { group: "nodes -blockType -lists" },
  { group: "marks" },
  { group: "link" },
  { group: "table" },
  { group: "blocks" },
  { group: "history" },
];

let LABELS = {};
let URLS = {};

function createBodyEditor(textarea) {
  const config = JSON.parse(textarea.dataset.bodyEditor);
  LABELS = config.labels;
  URLS = config.urls;
  const wrapper = el("div", { className: "prose-editor body-editor" });
  textarea.before(wrapper);
  wrapper.append(textarea);
  return new Editor({
    element: wrapper,
    injectCSS: false,
    content: textarea.value,
    // Pasted copy keeps its structure and loses its styles (paste.js).
    editorProps: { transformPastedHTML: cleanPastedHTML, clipboardTextParser: parsePastedText },
    extensions: [
      Document, Paragraph, Text, HardBreak, Dropcursor, Gapcursor, History,
      Menu.configure({ groups: MENU_GROUPS }),
      NewsHeading.configure({ levels: LEVELS }), Bold, Italic, Blockquote,
      BulletList, OrderedList, ListItem,
      Link.configure({ openOnClick: false, protocols: ["http", "https", "mailto"] }),
      Table, TableRow, TableHeader, TableCell,
      Picture, ReadAlso, Embed, NewsroomBlocks,
    ],
    onUpdate({ editor }) {
      const html = editor.getHTML();
      textarea.value = /^<p><\/p>$/.test(html) ? "" : html;
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    },
  });
}

for (const textarea of document.querySelectorAll("textarea[data-body-editor]")) {
  if (!textarea.closest(".prose-editor")) createBodyEditor(textarea);
}
