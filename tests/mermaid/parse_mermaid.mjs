// Parses every ```mermaid block of a Markdown file with Mermaid's own parser; exits 1 on the
// first block that does not parse. Mermaid sanitises labels with DOMPurify, which needs a DOM:
// jsdom provides one.
import { readFileSync } from 'node:fs';

let JSDOM, mermaid;
try {
  ({ JSDOM } = await import('jsdom'));
  const dom = new JSDOM('<!doctype html><html><body></body></html>');
  globalThis.window = dom.window;
  globalThis.document = dom.window.document;
  ({ default: mermaid } = await import('mermaid'));
} catch (error) {
  console.error(`mermaid or jsdom is missing (${error.message}): run scripts/install-deps.sh`);
  process.exit(2);
}

const markdown = readFileSync(process.argv[2], 'utf8');
const blocks = [...markdown.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]);
if (blocks.length === 0) {
  console.error('no mermaid block found');
  process.exit(1);
}
for (const [index, block] of blocks.entries()) {
  try {
    const result = await mermaid.parse(block);
    console.log(`block ${index + 1}: ${result.diagramType}`);
  } catch (error) {
    console.error(`block ${index + 1} does not parse: ${error.message ?? error}`);
    process.exit(1);
  }
}
