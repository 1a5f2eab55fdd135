// @ts-check
/**
 * Renders diff runs ({op, text}) as <ins>/<del>/text nodes: built with DOM calls, never
 * innerHTML, so any text shows as text.
 * @param {HTMLElement} container
 * @param {{ op: 'equal' | 'insert' | 'delete', text: string }[]} ops
 */
export function renderDiff(container, ops) {
  container.replaceChildren();
  for (const { op, text } of ops) {
    if (op === 'equal') container.append(document.createTextNode(text));
    else {
      const node = document.createElement(op === 'insert' ? 'ins' : 'del');
      node.textContent = text;
      container.append(node);
    }
  }
}
