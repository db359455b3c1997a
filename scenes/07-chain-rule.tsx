import {Latex, Layout, Txt, makeScene2D} from '@motion-canvas/2d';
import {
  all,
  createRef,
  easeInOutSine,
  waitFor,
  waitUntil,
} from '@motion-canvas/core';
import {beat} from '../src/beats';
import {narrator} from '../src/narration/narrate';
import timings from '../narration/timings/07-chain-rule.json';
import {ChainStack} from '../src/components/ChainStack';
import {chainAt, texFixed} from '../src/math';
import type {RealFunction} from '../src/math';
import {COLORS, FONTS, SIZES} from '../src/theme';
import {LINEAR, NONLINEAR, STACK, SWEEP, T} from './07-chain-rule.timing';

// Every duration of this scene lives in the timing module (without Motion
// Canvas imports, so tests read the same facts); re-exported here as the
// scene's T block. Tests find each moment by its beat's name.
export {T};

/** Size of the chain rule's formula. */
const FORMULA_SIZE = SIZES.heading - 8;

/** Where the formula sits as the heading: its right edge, with the numbers to its right. */
const HEADING: [number, number] = [40, -440];

/** Scale of the formula while it stands alone, as memorized. */
const MEMORIZED_SCALE = 1.4;

/** Where the formula stands alone, as memorized, and the key phrase under it. */
const MEMORIZED_Y = -100;
const KEY_PHRASE_Y = 100;

/** Opacity of the formula's right side between "almost trivial" and the factor that lights it. */
const DIMMED = 0.2;

/** Lesson words, in order. */
const WORDS = {
  memorized: 'A formula you memorized in Chapter 4\u2026',
  trivial: '\u2026in the mapping view, almost trivial.',
  compose:
    'Compose two functions: g maps the first line to the second, then f maps the second line to a third.',
  triple: 'Triple a length, then double it, and you have sextupled it.',
  product:
    'A stretch followed by a stretch is one bigger stretch, and the combined factor is the product, not the sum.',
  bookkeeping:
    'The chain rule is just that bookkeeping, applied to the infinitesimal stretch each function does at a point.',
  eachMap: 'Each map multiplies the length by its own local stretch factor.',
};

/** The chain rule's parts, left to right; they appear as the factors do. */
const FORMULA = {
  left: '\\frac{d}{dx} f(g(x))',
  equals: '=',
  outer: "f'(g(x))",
  dot: '\\cdot',
  inner: "g'(x)",
};

/** "= f' · g' = product" with the numbers of the chain at x, from chainAt. */
function numbersTex(fns: RealFunction[], x: number): string {
  const chain = chainAt(fns, x);
  const [g, f] = chain.stages.map(s => texFixed(s.factor));
  return `= ${f} \\cdot ${g} = ${texFixed(chain.product)}`;
}

export default makeScene2D(function* (view) {
  view.fill(COLORS.background);
  const narrate = narrator(timings);

  const caption = createRef<Txt>();
  const keyPhrase = createRef<Txt>();
  const formula = createRef<Layout>();
  const outerPart = createRef<Latex>();
  const dotPart = createRef<Latex>();
  const innerPart = createRef<Latex>();
  const numbers = createRef<Latex>();
  const linearStack = createRef<ChainStack>();
  const chainStack = createRef<ChainStack>();

  const common = {
    x: STACK.x,
    y: STACK.y,
    length: STACK.length,
    gap: STACK.gap,
    lineNames: ['x', 'g(x)', 'f(g(x))'],
    factorLabels: ["g'(x)", "f'(g(x))"],
    lengthLabels: ['dx', "g'(x)\\,dx", "f'(g(x))\\,g'(x)\\,dx"],
  };

  view.add(
    <>
      <Layout
        ref={formula}
        layout
        direction="row"
        alignItems="center"
        gap={14}
        offset={[1, 0]}
        position={HEADING}
        opacity={0}
      >
        <Latex tex={FORMULA.left} fill={COLORS.text} fontSize={FORMULA_SIZE} />
        <Latex
          tex={FORMULA.equals}
          fill={COLORS.text}
          fontSize={FORMULA_SIZE}
        />
        <Latex
          ref={outerPart}
          tex={FORMULA.outer}
          fill={COLORS.third}
          fontSize={FORMULA_SIZE}
          opacity={0}
        />
        <Latex
          ref={dotPart}
          tex={FORMULA.dot}
          fill={COLORS.text}
          fontSize={FORMULA_SIZE}
          opacity={0}
        />
        <Latex
          ref={innerPart}
          tex={FORMULA.inner}
          fill={COLORS.output}
          fontSize={FORMULA_SIZE}
          opacity={0}
        />
      </Layout>
      <Latex
        ref={numbers}
        key="numbers"
        tex={() => numbersTex([LINEAR.g, LINEAR.f], linearStack().pointX())}
        fill={COLORS.dx}
        fontSize={FORMULA_SIZE}
        offset={[-1, 0]}
        x={70}
        y={-440}
        opacity={0}
      />
      <ChainStack
        key="linear-stack"
        ref={linearStack}
        {...common}
        fns={[LINEAR.g, LINEAR.f]}
        min={-0.5}
        max={3.5}
        pointX={LINEAR.x}
        dx={LINEAR.dx}
        mapNames={[`g(x) = ${LINEAR.g.tex()}`, `f(x) = ${LINEAR.f.tex()}`]}
        opacity={0}
      />
      <ChainStack
        key="chain-stack"
        ref={chainStack}
        {...common}
        fns={[NONLINEAR.g, NONLINEAR.f]}
        ranges={NONLINEAR.ranges}
        pointX={NONLINEAR.x}
        dx={NONLINEAR.dx}
        mapNames={[
          `g(x) = ${NONLINEAR.g.tex()}`,
          `f(u) = ${NONLINEAR.f.tex('u')}`,
        ]}
        opacity={0}
      />
      <Txt
        ref={keyPhrase}
        key="key-phrase"
        fontFamily={FONTS.text}
        fontSize={SIZES.body}
        fill={COLORS.text}
        textAlign="center"
        y={KEY_PHRASE_Y}
        opacity={0}
      />
      <Txt
        ref={caption}
        key="caption"
        fontFamily={FONTS.text}
        fontSize={SIZES.label}
        fill={COLORS.text}
        textAlign="center"
        textWrap
        width={1800}
        y={445}
        opacity={0}
      />
    </>,
  );

  // 0. The chain rule, whole, as memorized in Chapter 4
  const rightSide = [outerPart(), dotPart(), innerPart()];
  yield* narrate('pays-off', function* (n) {
    yield* beat('memorized', function* () {
      rightSide.forEach(part => part.opacity(1));
      formula().scale(MEMORIZED_SCALE);
      // Offset [1, 0]: the position is the right edge, so this centres it.
      formula().position([
        (formula().width() * MEMORIZED_SCALE) / 2,
        MEMORIZED_Y,
      ]);
      keyPhrase().text(WORDS.memorized);
      yield* all(
        formula().opacity(1, T.formulaPart),
        keyPhrase().opacity(1, T.formulaPart),
      );
      yield* waitFor(T.memorized);
    });

    // 0'. In the mapping view almost trivial: the formula becomes the heading, its factors to be earned
    yield* n.mark('trivial');
    yield* beat('almost-trivial', function* () {
      yield* keyPhrase().opacity(0, T.caption / 2);
      keyPhrase().text(WORDS.trivial);
      yield* all(
        keyPhrase().opacity(1, T.caption),
        formula().position(HEADING, T.toHeading),
        formula().scale(1, T.toHeading),
        ...rightSide.map(part => part.opacity(DIMMED, T.toHeading)),
      );
      yield* waitFor(T.trivial);
    });
  });

  // 1. Three stacked lines: g maps line 1 to line 2, f maps line 2 to line 3
  yield* narrate('compose', function* () {
    yield* beat('compose', function* () {
      yield* all(keyPhrase().opacity(0, T.caption), showCaption(WORDS.compose));
      yield* linearStack().opacity(1, T.stackIn);
      yield* waitFor(T.hold);
    });
  });

  // 2. Triple a length: dx flows through g and lands 3 times as long; g'(x) joins the formula
  yield* narrate('each-map', function* () {
    yield* beat('triple', function* () {
      yield* showCaption(WORDS.triple);
      yield* linearStack().showStage(0, T.stage);
      yield* innerPart().opacity(1, T.formulaPart);
    });
    yield* beat('tripled', waitFor(T.hold));

    // 3. Then double it: through f it doubles again; f'(g(x)) joins the formula; the product is 6
    yield* beat('double', function* () {
      yield* linearStack().showStage(1, T.stage);
      yield* all(
        outerPart().opacity(1, T.formulaPart),
        dotPart().opacity(1, T.formulaPart),
      );
      yield* numbers().opacity(1, T.numbers);
    });
  });
  yield* narrate('formula', function* () {
    yield* beat('sextupled', function* () {
      yield* waitUntil('sextupled');
      yield* waitFor(T.hold);
    });
  });

  // 4. The factor is the product, not the sum
  yield* beat('product-not-sum', function* () {
    yield* narrate('product', showCaption(WORDS.product));
    yield* narrate('triple', waitFor(T.hold));
  });

  // 5. A nonlinear chain: x → x² → sin(x²), the same bookkeeping at a point
  yield* narrate('bookkeeping', function* () {
    yield* beat('swap', function* () {
      yield* all(
        linearStack().opacity(0, T.swap),
        numbers().opacity(0, T.swap),
      );
      // The numbers now read the nonlinear chain (hidden until its stages are shown).
      numbers().tex(() =>
        numbersTex([NONLINEAR.g, NONLINEAR.f], chainStack().pointX()),
      );
      yield* all(
        showCaption(WORDS.bookkeeping),
        chainStack().opacity(1, T.stackIn),
      );
    });
    yield* beat('nonlinear-stages', function* () {
      yield* chainStack().showStage(0, T.stage);
      yield* chainStack().showStage(1, T.stage);
      yield* numbers().opacity(1, T.numbers);
    });
    yield* beat('nonlinear-product', function* () {
      yield* waitUntil('nonlinear-product');
      yield* waitFor(T.hold);
    });
  });

  // 6. Move x: each stage's factor changes, and the product stays their product (sin flips it here)
  yield* beat('slide', chainStack().slideTo(NONLINEAR.later, T.slide));
  yield* beat('slid', waitFor(T.hold));

  // 7. Each line rescales to its own range and the point appears on every line: x, g(x), f(g(x))
  yield* narrate('everywhere', function* () {
    yield* beat(
      'each-map',
      all(
        showCaption(WORDS.eachMap),
        chainStack().ranges(SWEEP.ranges, T.rescale),
        chainStack().slideTo(SWEEP.from, T.rescale),
        chainStack().showMarkers(1, T.rescale / 2),
      ),
    );

    // 8. Sweep x across its line: everywhere, each map multiplies the length by its own factor
    yield* beat(
      'sweep',
      chainStack().slideTo(SWEEP.to, T.sweep, easeInOutSine),
    );
    yield* beat('swept', waitFor(T.closingHold));
  });

  // 9. Everything fades
  yield* beat(
    'out',
    all(
      caption().opacity(0, T.out),
      formula().opacity(0, T.out),
      numbers().opacity(0, T.out),
      chainStack().opacity(0, T.out),
    ),
  );

  /** Swaps the caption for the next sentence of the lesson. */
  function* showCaption(text: string) {
    if (caption().opacity() > 0) yield* caption().opacity(0, T.caption / 2);
    caption().text(text);
    yield* caption().opacity(1, T.caption);
  }
});
