/** Narration of scene 07-chain-rule: "Why the chain rule becomes obvious". */
import {script} from '../src/narration/script';

export default script('07-chain-rule', [
  {
    id: 'pays-off',
    text: 'Here is where the new picture pays off. The chain rule was a formula you memorized in Chapter 4. <mark name="trivial"/>In the mapping view it is almost trivial.',
  },
  {
    id: 'compose',
    text: 'Compose two functions: g maps the first line to the second, then f maps the second line to a third. Run a tiny interval through both.',
  },
  {
    id: 'each-map',
    text: 'Each map multiplies the length by its own local stretch factor. Apply two maps in a row and you multiply the two factors.',
  },
  {
    id: 'formula',
    text: "That is the whole chain rule: d/dx f(g(x)) = f'(g(x)) · g'(x).",
  },
  {
    id: 'product',
    text: 'A stretch followed by a stretch is one bigger stretch, and the combined factor is the product, not the sum.',
  },
  {
    id: 'triple',
    text: 'Triple a length, then double it, and you have sextupled it.',
  },
  {
    id: 'bookkeeping',
    text: 'The chain rule is just that bookkeeping, applied to the infinitesimal stretch each function does at a point.',
  },
  {
    id: 'everywhere',
    text: 'Move x anywhere along its line: each map still multiplies the length by its own local stretch factor, and the chain multiplies them together.',
  },
]);
