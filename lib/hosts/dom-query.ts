import { normaliseEmail } from '../contract/normalise.ts';

/**
 * DOM reading shared by the host adapters: queries that see into open shadow roots (Salesforce's Lightning
 * web components keep their fields there), a visibility test that needs no layout (so saved pages test the
 * same way a live page runs), and the small parsers for what the fields hold.
 */

/** The element's parent, or the host of the shadow root it sits in. */
function parentAcrossShadow(node: Element): Element | null {
  if (node.parentElement) return node.parentElement;
  const root = node.getRootNode();
  return root !== node && 'host' in root ? (root as ShadowRoot).host : null;
}

/** Every element under `root` matching `selector`, in document order, looking into open shadow roots. */
export function deepQueryAll(root: ParentNode, selector: string): Element[] {
  const found: Element[] = [];
  const visit = (scope: ParentNode) => {
    for (const element of scope.querySelectorAll('*')) {
      if (element.matches(selector)) found.push(element);
      if (element.shadowRoot) visit(element.shadowRoot);
    }
  };
  if ('shadowRoot' in root && root.shadowRoot) visit(root.shadowRoot as ShadowRoot);
  visit(root);
  return found;
}

/** The first element for the first selector (of several alternatives, tried in order) that finds one. */
export function deepQuery(root: ParentNode, selectors: readonly string[]): Element | null {
  for (const selector of selectors) {
    const [first] = deepQueryAll(root, selector);
    if (first) return first;
  }
  return null;
}

const EMAIL_WORD = /[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[a-z]{2,}/i;

const INLINE_HIDDEN = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;

/**
 * Whether a person can see the element: neither it nor an ancestor (across shadow roots) is `hidden`,
 * styled `display: none` inline, or matches one of the host's hidden-container selectors (Lightning's
 * cached pages, Zendesk's inactive tabs), and the browser, where it can tell, agrees.
 */
export function isShown(element: Element, hiddenContainers: readonly string[] = []): boolean {
  if (typeof element.checkVisibility === 'function' && element.checkVisibility() === false) return false;
  for (let node: Element | null = element; node; node = parentAcrossShadow(node)) {
    if (node.hasAttribute('hidden')) return false;
    if (INLINE_HIDDEN.test(node.getAttribute('style') ?? '')) return false;
    if (hiddenContainers.some((selector) => node!.matches(selector))) return false;
  }
  return true;
}

const SKIPPED_TEXT = new Set(['SCRIPT', 'STYLE', 'TEMPLATE']);

/** Text as a person sees it: the element's own text and that of its shadow roots (components render there). */
function deepText(node: Node): string {
  if (node.nodeType === 3) return node.nodeValue ?? '';
  if (node.nodeType !== 1 && node.nodeType !== 11) return '';
  if (node.nodeType === 1 && SKIPPED_TEXT.has((node as Element).tagName)) return '';
  const shadow = node.nodeType === 1 ? (node as Element).shadowRoot : null;
  let text = shadow ? deepText(shadow) : '';
  for (const child of node.childNodes) text += ` ${deepText(child)}`;
  return text;
}

/** The element's text (shadow roots included) with whitespace collapsed, or null when it has none. */
export function textOf(element: Element | null): string | null {
  const text = element ? deepText(element).replace(/\s+/g, ' ').trim() : '';
  return text ? text : null;
}

/** An email address from a `mailto:` link inside (or at) the element, else from its text. */
export function emailIn(element: Element | null): string | null {
  if (!element) return null;
  const link = element.matches('a[href^="mailto:" i]') ? element : deepQuery(element, ['a[href^="mailto:" i]']);
  const href = link?.getAttribute('href');
  if (href) {
    const address = safeDecode(href.replace(/^mailto:/i, '').split('?')[0] ?? '');
    const email = normaliseEmail(address);
    if (email) return email;
  }
  // A field shows its label beside the value ("Email jane@example.com"): take the address-shaped word.
  const word = textOf(element)?.match(EMAIL_WORD)?.[0];
  return word ? normaliseEmail(word) : null;
}

/** The first capture of `pattern` in the href of the element or of a link inside it. */
export function idFromLink(element: Element | null, pattern: RegExp): string | null {
  if (!element) return null;
  const links = element.matches('a[href]') ? [element] : deepQueryAll(element, 'a[href]');
  for (const link of links) {
    const id = pattern.exec(link.getAttribute('href') ?? '')?.[1];
    if (id) return id;
  }
  return null;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
