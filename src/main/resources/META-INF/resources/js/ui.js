// Small DOM helpers shared by the pages. Only text is ever inserted (textContent), never HTML from the network.

export const $ = (selector, root = document) => root.querySelector(selector);

/** Creates an element with properties and children: el('li', {className: 'x'}, 'text', otherElement). */
export function el(tag, { dataset = {}, ...properties } = {}, ...children) {
  const element = Object.assign(document.createElement(tag), properties);
  Object.assign(element.dataset, dataset);
  element.append(...children);
  return element;
}

/** Shows a state in a badge element: the text, and a data-state attribute for the colour. */
export function showState(badge, state, text = state) {
  badge.dataset.state = state;
  badge.textContent = text;
}

/** Appends a line to a chat log and keeps it scrolled to the bottom. */
export function appendChat(log, { who, text, kind = 'remote' }) {
  const line = el('li', { className: `chat-${kind}` });
  if (who) line.append(el('strong', {}, who), ' ');
  line.append(text);
  log.append(line);
  log.scrollTop = log.scrollHeight;
}

/** A short random word for generated room and user names. */
export function randomWord(length = 6) {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
}

/** Shortens a peer id for display. */
export const shortId = (id) => String(id).slice(0, 6);

/** Wires a chat form: calls send(text) on submit and clears the input. */
export function onChatSubmit(form, send) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const input = form.querySelector('input');
    const text = input.value.trim();
    if (text) {
      send(text);
      input.value = '';
    }
  });
}
