"use strict";
// The chat page of `stride try`: talks to /chat/* on the stand-in, which acts in Discord's place.
// Everything the bot wrote is added with textContent (never as HTML): member text stays text.

const state = { person: "you", channel: null, version: -1, world: null, latest: {}, seen: {}, pending: null, suggestion: -1 };
const $ = (id) => document.getElementById(id);

function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

// A little of Discord's markdown: **bold**, *italic*, __underline__, `code`, [label](url) shown as text.
function formatted(text, cls) {
  const box = el("div", cls);
  const pattern = /(\*\*[^*]+\*\*|__[^_]+__|\*[^*\s][^*]*\*|`[^`]+`|<t:(\d+)(?::[a-zA-Z])?>)/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    box.append(document.createTextNode(text.slice(last, match.index)));
    const token = match[0];
    if (match[2]) box.append(el("span", "time", new Date(Number(match[2]) * 1000).toLocaleString()));
    else if (token.startsWith("**")) box.append(el("strong", null, token.slice(2, -2)));
    else if (token.startsWith("__")) box.append(el("u", null, token.slice(2, -2)));
    else if (token.startsWith("`")) box.append(el("code", null, token.slice(1, -1)));
    else box.append(el("em", null, token.slice(1, -1)));
    last = match.index + token.length;
  }
  box.append(document.createTextNode(text.slice(last)));
  return box;
}

async function api(path, body) {
  const options = body instanceof FormData ? { method: "POST", body } : { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
  const response = await fetch(path, options);
  if (!response.ok) return { error: `The stand-in answered ${response.status}.` };
  return response.json();
}

function localNote(text) {
  const item = el("li", "message local");
  item.append(el("div", "author", "Stride try"), el("div", "content", text), el("div", "ephemeral-note", "Only you can see this"));
  $("messages").append(item);
  item.scrollIntoView();
}

function renderEmbed(embed, attachments) {
  const box = el("div", "embed");
  if (embed.color !== undefined && embed.color !== null) box.style.borderLeftColor = "#" + Number(embed.color).toString(16).padStart(6, "0");
  if (embed.author && embed.author.name) box.append(el("div", "footer", embed.author.name));
  if (embed.title) box.append(el("div", "title", embed.title));
  if (embed.description) box.append(formatted(embed.description, "description"));
  if (embed.fields && embed.fields.length) {
    const fields = el("div", "fields");
    for (const field of embed.fields) {
      const f = el("div", field.inline ? "field inline" : "field");
      f.append(formatted(field.name || "", "name"), formatted(field.value || "", "value"));
      fields.append(f);
    }
    box.append(fields);
  }
  const image = embed.image && embed.image.url;
  if (image) {
    const name = image.startsWith("attachment://") ? image.slice(13) : null;
    const file = name ? attachments.find((a) => a.filename === name) : null;
    if (file) { const img = el("img"); img.src = file.url; img.alt = name; box.append(img); }
  }
  if (embed.footer && embed.footer.text) box.append(el("div", "footer", embed.footer.text));
  return box;
}

function renderComponents(message) {
  const box = el("div", "components");
  for (const row of message.components || []) {
    const line = el("div", "row");
    for (const c of row.components || []) {
      if (c.type === 2) {
        const styles = { 1: "primary", 2: "secondary", 3: "success", 4: "danger" };
        const button = el("button", styles[c.style] || "secondary", (c.emoji && c.emoji.name ? c.emoji.name + " " : "") + (c.label || ""));
        button.type = "button";
        button.disabled = Boolean(c.disabled) || !c.custom_id;
        button.addEventListener("click", () => act("/chat/click", { message: message.id, custom_id: c.custom_id }));
        line.append(button);
      } else if ([3, 5, 6, 7, 8].includes(c.type)) {
        const select = el("select");
        select.disabled = Boolean(c.disabled);
        select.append(el("option", null, c.placeholder || "Choose…"));
        for (const o of c.options || []) { const option = el("option", null, o.label); option.value = o.value; select.append(option); }
        select.addEventListener("change", () => act("/chat/select", { message: message.id, custom_id: c.custom_id, values: [select.value] }));
        line.append(select);
      }
    }
    box.append(line);
  }
  return box;
}

function renderMessage(m) {
  const item = el("li", "message");
  item.dataset.id = m.id;
  if (m.invoked) item.append(el("div", "invoked", `↳ ${m.invoked.user} used /${m.invoked.command}`));
  const author = el("div", "author", "Stride");
  author.append(el("span", "tag", "APP"));
  item.append(author);
  if (m.thinking) item.append(el("div", "content", "Stride is thinking…"));
  if (m.content) item.append(formatted(m.content, "content"));
  for (const embed of m.embeds || []) item.append(renderEmbed(embed, m.attachments));
  const shown = new Set((m.embeds || []).map((e) => e.image && e.image.url).filter(Boolean).map((u) => u.replace("attachment://", "")));
  const files = el("div", "attachments");
  for (const a of m.attachments || []) {
    if (shown.has(a.filename)) continue;
    if (/\.(png|jpe?g|gif)$/i.test(a.filename)) { const img = el("img"); img.src = a.url; img.alt = a.filename; files.append(img); }
    const link = el("a", null, "⬇ " + a.filename); link.href = a.url; link.download = a.filename; files.append(link);
  }
  item.append(files);
  if (m.components && m.components.length) item.append(renderComponents(m));
  if (m.ephemeral) item.append(el("div", "ephemeral-note", "👁 Only you can see this"));
  return item;
}

function renderChannels() {
  const list = $("channels");
  list.replaceChildren();
  const entries = state.world.channels.map((c) => ({ key: c.id, label: "# " + c.name })).concat([{ key: "dm", label: "✉ Direct messages" }]);
  for (const entry of entries) {
    const button = el("button", null, entry.label);
    button.type = "button";
    button.dataset.channel = entry.key;
    if (entry.key === state.channel) button.classList.add("active");
    else if ((state.latest[entry.key] || 0) > (state.seen[state.person + entry.key] || 0)) button.classList.add("unread");
    button.addEventListener("click", () => { state.channel = entry.key; state.version = -1; refresh(); renderChannels(); });
    const item = el("li"); item.append(button); list.append(item);
  }
  const current = entries.find((e) => e.key === state.channel);
  $("channel-title").textContent = current ? current.label : "";
}

let polling = 0;
async function refresh() {
  const ticket = ++polling;
  const query = new URLSearchParams({ as: state.person, channel: state.channel, since: String(state.version) });
  let data;
  try { data = await (await fetch("/chat/messages?" + query)).json(); } catch (e) { $("status").textContent = "the stand-in stopped"; return; }
  if (ticket !== polling) return;
  state.version = data.version;
  state.latest = data.latest;
  state.seen[state.person + state.channel] = data.latest[state.channel] || 0;
  $("status").textContent = data.ready ? "Stride is online" : "Stride is starting…";
  const list = $("messages");
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 60;
  list.replaceChildren(...data.messages.map(renderMessage));
  if (atBottom) list.scrollTop = list.scrollHeight;
  renderChannels();
  if (!state.world.commands.length && data.ready) await loadWorld();
  setTimeout(refresh, 0);
}

async function act(path, body) {
  body.as = state.person;
  const answer = await api(path, body);
  if (answer.error) localNote(answer.error);
  if (answer.modal) openModal(answer.modal);
}

function openModal(modal) {
  $("modal-title").textContent = modal.title;
  const fields = $("modal-fields");
  fields.replaceChildren();
  for (const input of modal.inputs) {
    const label = el("label", null, input.label);
    const field = input.long ? el("textarea") : el("input");
    field.name = input.custom_id; field.required = input.required; field.value = input.value || ""; field.placeholder = input.placeholder || ""; field.maxLength = input.max_length;
    label.append(field); fields.append(label);
  }
  state.pending = modal;
  $("modal").showModal();
}

async function sendCommand(event) {
  event.preventDefault();
  const text = $("command").value.trim();
  if (!text) return;
  const form = new FormData();
  form.append("as", state.person); form.append("channel", state.channel); form.append("command", text);
  const file = $("file").files[0];
  if (file) form.append("file", file, file.name);
  $("command").value = ""; $("file").value = ""; $("file-name").textContent = ""; hideSuggestions();
  const answer = await api("/chat/command", form);
  if (answer.error) localNote(answer.error);
  if (answer.modal) openModal(answer.modal);
}

function hideSuggestions() { $("suggestions").replaceChildren(); state.suggestion = -1; }

function showSuggestions(items) {
  const box = $("suggestions");
  box.replaceChildren();
  items.slice(0, 25).forEach((item) => {
    const button = el("button", null, item.label);
    button.type = "button";
    if (item.desc) button.append(el("span", "desc", item.desc));
    button.addEventListener("mousedown", (e) => { e.preventDefault(); $("command").value = item.value; $("command").focus(); suggest(); });
    box.append(button);
  });
}

let suggestTicket = 0;
async function suggest() {
  const text = $("command").value;
  const ticket = ++suggestTicket;
  if (!text.startsWith("/")) return hideSuggestions();
  const typed = text.slice(1);
  const command = state.world.commands.filter((c) => typed.startsWith(c.path + " ") || typed === c.path).sort((a, b) => b.path.length - a.path.length)[0];
  if (!command || typed === command.path) {
    const items = state.world.commands.filter((c) => c.path.startsWith(typed.trim()) || (" " + c.path).includes(" " + typed.trim()))
      .map((c) => ({ label: "/" + c.path, value: "/" + c.path + " ", desc: c.options.map((o) => o.required ? o.name : `[${o.name}]`).join(" ") }));
    return showSuggestions(items);
  }
  const words = text.split(" ");
  const last = words[words.length - 1];
  const base = text.slice(0, text.length - last.length);
  if (!last.includes(":")) {
    const used = new Set(typed.split(" ").filter((w) => w.includes(":")).map((w) => w.split(":")[0]));
    const items = command.options.filter((o) => !used.has(o.name) && o.name.startsWith(last))
      .map((o) => ({ label: o.name + ":", value: base + o.name + ":", desc: (o.required ? "required · " : "") + o.description }));
    return showSuggestions(items);
  }
  const answer = await api("/chat/complete", { as: state.person, channel: state.channel, command: text });
  if (ticket !== suggestTicket) return;
  const name = last.split(":")[0];
  const quote = (v) => (/\s/.test(v) ? `"${v.replace(/"/g, '\\"')}"` : v);
  showSuggestions((answer.choices || []).map((v) => ({ label: v, value: base + name + ":" + quote(v) + " " })));
}

function renderPeople() {
  const select = $("person");
  select.replaceChildren();
  for (const p of state.world.people) { const option = el("option", null, `${p.name} — ${p.role}`); option.value = p.key; select.append(option); }
  select.value = state.person;
  const me = state.world.people.find((p) => p.key === state.person);
  $("person-role").textContent = me ? `You act as ${me.name}, ${me.role}.` : "";
}

async function loadWorld() {
  state.world = await (await fetch("/chat/world")).json();
  $("server").textContent = state.world.server;
  if (!state.channel) state.channel = state.world.channels[0].id;
  renderPeople();
  renderChannels();
}

document.addEventListener("DOMContentLoaded", async () => {
  await loadWorld();
  $("composer").addEventListener("submit", sendCommand);
  $("command").addEventListener("input", suggest);
  $("command").addEventListener("blur", () => setTimeout(hideSuggestions, 150));
  $("file").addEventListener("change", () => { const f = $("file").files[0]; $("file-name").textContent = f ? "Attached: " + f.name : ""; });
  $("person").addEventListener("change", () => { state.person = $("person").value; state.version = -1; renderPeople(); refresh(); });
  $("modal-cancel").addEventListener("click", () => { $("modal").close(); state.pending = null; });
  $("modal-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const modal = state.pending; if (!modal) return;
    const values = {};
    for (const input of $("modal-fields").querySelectorAll("input, textarea")) values[input.name] = input.value;
    $("modal").close(); state.pending = null;
    await act("/chat/modal", { interaction: modal.interaction, values });
  });
  refresh();
});
