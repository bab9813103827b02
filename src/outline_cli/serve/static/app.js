// outline serve: the page.  Document text is only ever set with textContent /
// createTextNode (never innerHTML): a heading "<img src=x onerror=…>" shows as characters.
"use strict";

const LANG = document.documentElement.lang.startsWith("en") ? "en" : "zh";
const STRINGS = {
  zh: {},  // the page's own Chinese text is in index.html; only what the script writes is here
  en: {
    app_title: "Speech → outline", add_heading: "Add texts",
    app_intro: "Drop speeches or articles below (or paste text) to see their outline and download it as Word, Markdown, a mind map or outline text. Files are processed on this computer only.",
    drop_hint: "Drop files here, or use “Choose files” (.txt .html .docx …, several at once)",
    choose: "Choose files…", paste_label: "Or paste text copied from a web page:", paste_go: "Outline the pasted text",
    options: "Options", script: "Output script", script_keep: "As the input", script_simplified: "Simplified",
    script_traditional: "Traditional", script_tw: "Traditional (Taiwan)", script_hk: "Traditional (Hong Kong)",
    keywords: "Keywords per section", renumber: "Renumber (一、（一）1.)", with_text: "Word/Markdown with body text",
    explain: "Show cleaned text and removed lines", download_all: "Download all (several files → one zip)",
    fmt_docx: "Word (.docx)", fmt_markdown: "Markdown (.md)", fmt_freemind: "Mind map (.mm)", fmt_opml: "OPML (.opml)",
    fmt_outline: "Outline text (.txt)",
    footer: "outline serve · runs on this computer only (127.0.0.1), no network. Press Ctrl-C to stop it.",
  },
};
const MESSAGES = {
  zh: {
    working: "正在处理…", remove: "移除", copy: "复制提纲", copied: "提纲已复制到剪贴板",
    copy_failed: "无法复制，请手动选择文字", no_title: "（无标题）", line: "第 {n} 行",
    speaker: "讲话人", occasion: "场合", date: "日期", author: "作者", source: "来源", editor: "编辑",
    document_number: "发文字号", truncated: "原文被截断：全文约 {total} 字，页面只显示 {shown} 字；提纲已用目录补全。",
    cleaned: "清理后的正文", removed: "删除的行", col_line: "行", col_rule: "规则", col_category: "类别",
    col_text: "内容", no_headings: "没有找到小标题。", too_big: "{name}：文件太大（上限 {mb} MB）",
    too_many: "最多同时处理 {n} 个文件，请先移除一些", nothing: "还没有可下载的文件",
    downloaded: "已下载 {name}", failed_some: "以下文件未能处理：{list}", pasted: "粘贴的文字{n}.txt",
    empty_paste: "请先粘贴文字", warnings: "提示", download: "下载",
    fmt_docx: "Word", fmt_markdown: "Markdown", fmt_freemind: "思维导图", fmt_opml: "OPML", fmt_outline: "提纲文本",
  },
  en: {
    working: "Working…", remove: "Remove", copy: "Copy outline", copied: "Outline copied to the clipboard",
    copy_failed: "Could not copy; select the text by hand", no_title: "(no title)", line: "line {n}",
    speaker: "Speaker", occasion: "Occasion", date: "Date", author: "Author", source: "Source", editor: "Editor",
    document_number: "Document no.", truncated: "The text was cut: about {total} characters, {shown} shown; the outline was completed from its table of contents.",
    cleaned: "Cleaned text", removed: "Removed lines", col_line: "Line", col_rule: "Rule", col_category: "Category",
    col_text: "Text", no_headings: "No headings found.", too_big: "{name}: file too big (limit {mb} MB)",
    too_many: "At most {n} files at once; remove some first", nothing: "Nothing to download yet",
    downloaded: "Downloaded {name}", failed_some: "These files could not be outlined: {list}", pasted: "pasted{n}.txt",
    empty_paste: "Paste some text first", warnings: "Notes", download: "Download",
    fmt_docx: "Word", fmt_markdown: "Markdown", fmt_freemind: "Mind map", fmt_opml: "OPML", fmt_outline: "Outline text",
  },
};
const MAX_BYTES = Number(document.body.dataset.maxBytes);
const MAX_FILES = Number(document.body.dataset.maxFiles);
const META_KEYS = ["speaker", "occasion", "date", "author", "editor", "source", "document_number"];
const WORD_MARKERS = "章节编篇分条";

function msg(key, values) {
  let s = MESSAGES[LANG][key] || MESSAGES.zh[key] || key;
  for (const [k, v] of Object.entries(values || {})) s = s.split("{" + k + "}").join(String(v));
  return s;
}

// An element with properties and children; strings become text nodes (never markup).
function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (k === "dataset") Object.assign(node.dataset, v);
    else if (k.startsWith("aria-") || k === "role") node.setAttribute(k, v);
    else node[k] = v;
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
  }
  return node;
}

function status(text) { document.getElementById("status").textContent = text; }

const entries = [];  // {id, name, card, view, error}
let pasteCount = 0;

function optionQuery() {
  const q = new URLSearchParams();
  q.set("script", document.getElementById("opt-script").value);
  const k = Math.max(0, Math.min(50, parseInt(document.getElementById("opt-keywords").value, 10) || 0));
  q.set("keywords", String(k));
  if (document.getElementById("opt-with-text").checked) q.set("with_text", "1");
  if (document.getElementById("opt-renumber").checked) q.set("renumber", "1");
  return q;
}

async function addFile(name, blob) {
  const entry = {id: null, name, card: el("article", {className: "file"}), view: null, error: null};
  entries.push(entry);
  document.getElementById("files").appendChild(entry.card);
  if (blob.size > MAX_BYTES) {
    entry.error = msg("too_big", {name, mb: Math.floor(MAX_BYTES / 1048576)});
    return render(entry);
  }
  if (entries.filter(e => e.id).length >= MAX_FILES) {
    entry.error = `${name}: ${msg("too_many", {n: MAX_FILES})}`;
    return render(entry);
  }
  render(entry, true);
  try {
    const r = await fetch("api/files", {method: "POST", body: blob,
      headers: {"X-File-Name": encodeURIComponent(name)}});
    const data = await r.json();
    if (!r.ok) { entry.error = `${name}: ${data.error}`; return render(entry); }
    entry.id = data.id;
  } catch (e) {
    entry.error = `${name}: ${e}`;
    return render(entry);
  }
  await loadView(entry);
}

async function loadView(entry) {
  if (!entry.id) return;
  render(entry, true);
  const q = optionQuery();
  q.set("id", entry.id);
  try {
    const r = await fetch("api/outline?" + q.toString());
    const data = await r.json();
    entry.view = r.ok ? data : null;
    entry.error = r.ok ? null : data.error;
  } catch (e) {
    entry.view = null;
    entry.error = `${entry.name}: ${e}`;
  }
  render(entry);
}

function headingLabel(s) {
  if (document.getElementById("opt-renumber").checked) return s.number + s.heading;
  const m = s.marker || "";
  return m && WORD_MARKERS.includes(m[m.length - 1]) ? `${m} ${s.heading}` : m + s.heading;
}

function tree(sections) {
  const ul = el("ul", {className: "tree"});
  for (const s of sections) {
    const src = el("span", {className: "src", title: s.source_text || ""},
                   msg("line", {n: s.line}) + (s.source_text ? "：" + s.source_text : ""));
    const head = [el("span", {className: "heading"}, headingLabel(s)), src];
    const extra = s.keywords && s.keywords.length
      ? el("div", {className: "kw"}, s.keywords.join("、") + (s.summary ? " — " + s.summary : "")) : null;
    let item;
    if (s.children.length) {
      item = el("li", {}, el("details", {open: true}, el("summary", {}, ...head), extra, tree(s.children)));
    } else {
      item = el("li", {}, el("div", {className: "leaf"}, ...head), extra);
    }
    ul.appendChild(item);
  }
  return ul;
}

function metaList(meta) {
  const dl = el("dl", {className: "meta"});
  for (const k of META_KEYS) {
    if (meta[k]) { dl.appendChild(el("dt", {}, msg(k))); dl.appendChild(el("dd", {}, String(meta[k]))); }
  }
  return dl.childNodes.length ? dl : null;
}

function explainPart(view) {
  const rows = view.removed.map(r => el("tr", {}, el("td", {}, String(r.line)), el("td", {}, r.rule),
                                          el("td", {}, r.category), el("td", {}, r.text)));
  const table = el("table", {},
    el("thead", {}, el("tr", {}, ...["col_line", "col_rule", "col_category", "col_text"].map(k => el("th", {}, msg(k))))),
    el("tbody", {}, ...rows));
  return el("div", {className: "explain"},
    el("details", {}, el("summary", {}, msg("cleaned")), el("pre", {className: "cleaned"}, view.text)),
    el("details", {open: true}, el("summary", {}, `${msg("removed")} (${view.removed.length})`), table));
}

function render(entry, busy) {
  const card = entry.card;
  card.replaceChildren();
  const bar = el("div", {className: "bar"}, el("span", {className: "name"}, entry.name));
  if (entry.view) {
    bar.appendChild(el("button", {type: "button", className: "small copy", onclick: () => copyOutline(entry)}, msg("copy")));
    for (const f of ["docx", "markdown", "freemind", "opml", "outline"]) {
      bar.appendChild(el("button", {type: "button", className: "small", dataset: {format: f},
        "aria-label": `${msg("download")} ${entry.name}: ${msg("fmt_" + f)}`,
        onclick: () => download([entry], f)}, msg("fmt_" + f)));
    }
  }
  bar.appendChild(el("button", {type: "button", className: "small remove", "aria-label": `${msg("remove")} ${entry.name}`,
    onclick: () => removeEntry(entry)}, msg("remove")));
  card.appendChild(bar);
  if (busy) {  // the outline shown so far stays until the new one arrives
    card.appendChild(el("p", {className: "busy", role: "status"}, msg("working")));
    if (!entry.view || entry.error) return;
  }
  if (entry.error) { card.appendChild(el("p", {className: "error", role: "alert"}, entry.error)); return; }
  const v = entry.view;
  if (!v) return;
  card.appendChild(el("h3", {className: "title"}, v.title || msg("no_title")));
  const meta = metaList(v.meta);
  if (meta) card.appendChild(meta);
  if (v.meta.truncated) {
    const t = v.meta.truncated;
    card.appendChild(el("p", {className: "notice"}, msg("truncated", {total: t.total_chars ?? "?", shown: t.shown_chars ?? "?"})));
  }
  for (const w of v.warnings || []) card.appendChild(el("p", {className: "notice"}, `${msg("warnings")}: ${w.text}`));
  card.appendChild(v.sections.length ? tree(v.sections) : el("p", {}, msg("no_headings")));
  if (document.getElementById("opt-explain").checked) card.appendChild(explainPart(v));
}

async function removeEntry(entry) {
  const i = entries.indexOf(entry);
  if (i >= 0) entries.splice(i, 1);
  entry.card.remove();
  if (entry.id) await fetch("api/files/" + encodeURIComponent(entry.id), {method: "DELETE"}).catch(() => {});
}

async function copyOutline(entry) {
  const text = entry.view.outline;
  try {
    await navigator.clipboard.writeText(text);
    status(msg("copied"));
  } catch (e) {
    const area = el("textarea", {value: text, readOnly: true});  // older browsers: select and copy
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand && document.execCommand("copy");
    area.remove();
    status(ok ? msg("copied") : msg("copy_failed"));
  }
}

async function download(list, format) {
  const ok = list.filter(e => e.id && e.view);
  if (!ok.length) { status(msg("nothing")); return; }
  const q = optionQuery();
  q.set("ids", ok.map(e => e.id).join(","));
  q.set("format", format);
  status(msg("working"));
  const r = await fetch("api/download?" + q.toString());
  if (!r.ok) {
    const data = await r.json().catch(() => ({error: r.statusText}));
    status(data.error);
    return;
  }
  const blob = await r.blob();
  const disp = r.headers.get("Content-Disposition") || "";
  const m = disp.match(/filename\*=UTF-8''([^;]+)/);
  const name = m ? decodeURIComponent(m[1]) : "outline";
  const a = el("a", {href: URL.createObjectURL(blob), download: name});
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 60000);
  const failed = r.headers.get("X-Outline-Failed");
  status(failed ? msg("failed_some", {list: decodeURIComponent(failed)}) : msg("downloaded", {name}));
}

function addFiles(fileList) {
  for (const f of fileList) addFile(f.name, f);
}

function setup() {
  if (LANG === "en") {
    document.title = STRINGS.en.app_title;
    for (const node of document.querySelectorAll("[data-i18n]")) {
      const s = STRINGS.en[node.dataset.i18n];
      if (s) node.textContent = s;
    }
  }
  // the options the user's config file presets (as for the command line)
  const initial = JSON.parse(document.body.dataset.initial || "{}");
  if (initial.script) document.getElementById("opt-script").value = initial.script;
  if (initial.keywords !== undefined) document.getElementById("opt-keywords").value = String(initial.keywords);
  if (initial.with_text) document.getElementById("opt-with-text").checked = true;
  if (initial.renumber) document.getElementById("opt-renumber").checked = true;
  const drop = document.getElementById("drop");
  const input = document.getElementById("file-input");
  document.getElementById("choose").addEventListener("click", () => input.click());
  input.addEventListener("change", () => { addFiles(input.files); input.value = ""; });
  drop.addEventListener("dragover", e => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", e => { e.preventDefault(); e.stopPropagation(); drop.classList.remove("over"); addFiles(e.dataTransfer.files); });
  // a file dropped beside the zone must not make the browser leave the page
  window.addEventListener("dragover", e => e.preventDefault());
  window.addEventListener("drop", e => { e.preventDefault(); if (e.dataTransfer) addFiles(e.dataTransfer.files); });
  document.getElementById("paste-go").addEventListener("click", () => {
    const area = document.getElementById("paste");
    if (!area.value.trim()) { status(msg("empty_paste")); return; }
    pasteCount += 1;
    addFile(msg("pasted", {n: pasteCount > 1 ? "-" + pasteCount : ""}),
            new Blob([area.value], {type: "text/plain;charset=utf-8"}));
    area.value = "";
  });
  for (const id of ["opt-script", "opt-keywords", "opt-with-text", "opt-renumber"]) {
    document.getElementById(id).addEventListener("change", () => entries.forEach(loadView));
  }
  document.getElementById("opt-explain").addEventListener("change", () => entries.forEach(e => render(e)));
  for (const b of document.querySelectorAll("#download-all button")) {
    b.addEventListener("click", () => download(entries, b.dataset.format));
  }
}

setup();
