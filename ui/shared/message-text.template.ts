/**
 * Renders parsed message text as Lit templates. Sender text only ever reaches the DOM through Lit's
 * text bindings (escaped) and safe `href` attribute bindings; no template string contains it.
 */
import { html, type TemplateResult } from "lit";
import { parseMessageText, type BlockNode, type InlineNode } from "./message-text.parser";

/** The formatted body of a chat message, ready to place inside a Lit template. */
export function messageTextTemplate(text: string): TemplateResult[] {
  return parseMessageText(text).map(block);
}

function block(node: BlockNode): TemplateResult {
  switch (node.kind) {
    case "paragraph":
      return html`<p>${node.children.map(inline)}</p>`;
    case "quote":
      return html`<blockquote>${node.children.map(inline)}</blockquote>`;
    case "codeblock":
      return html`<pre><code>${node.text}</code></pre>`;
    case "list":
      return node.ordered
        ? html`<ol start=${node.start}>${node.items.map((item) => html`<li>${item.map(inline)}</li>`)}</ol>`
        : html`<ul>${node.items.map((item) => html`<li>${item.map(inline)}</li>`)}</ul>`;
  }
}

function inline(node: InlineNode): TemplateResult | string {
  switch (node.kind) {
    case "text":
      return node.text;
    case "br":
      return html`<br />`;
    case "code":
      return html`<code>${node.text}</code>`;
    case "strong":
      return html`<strong>${node.children.map(inline)}</strong>`;
    case "em":
      return html`<em>${node.children.map(inline)}</em>`;
    case "del":
      return html`<del>${node.children.map(inline)}</del>`;
    case "link":
      return html`<a href=${node.href} target="_blank" rel="noopener noreferrer nofollow">${node.children.map(inline)}</a>`;
  }
}
