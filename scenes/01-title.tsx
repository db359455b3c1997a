import {Line, Txt, makeScene2D} from '@motion-canvas/2d';
import {all, createRef, easeInOutCubic, waitFor} from '@motion-canvas/core';
import {beat} from '../src/beats';
import {narrator} from '../src/narration/narrate';
import timings from '../narration/timings/01-title.json';
import {COLORS, FONTS, SIZES, STROKES} from '../src/theme';

/** Every duration of this scene, in seconds. */
export const T = {
  series: 1.2,
  title: 1.6,
  rule: 1.0,
  subtitle: 1.2,
  hold: 2.5,
  out: 1.0,
};

export default makeScene2D(function* (view) {
  view.fill(COLORS.background);
  const series = createRef<Txt>();
  const title = createRef<Txt>();
  const rule = createRef<Line>();
  const subtitle = createRef<Txt>();

  view.add(
    <>
      <Txt
        ref={series}
        text="Essence of Calculus · Chapter 12"
        fontFamily={FONTS.text}
        fontSize={SIZES.label}
        fill={COLORS.muted}
        y={-170}
        opacity={0}
      />
      <Txt
        ref={title}
        text="The other way to visualize derivatives"
        fontFamily={FONTS.text}
        fontWeight={600}
        fontSize={SIZES.title}
        fill={COLORS.text}
        y={-60}
        opacity={0}
      />
      <Line
        ref={rule}
        points={[
          [-520, 40],
          [520, 40],
        ]}
        stroke={COLORS.input}
        lineWidth={STROKES.axis}
        end={0}
      />
      <Txt
        ref={subtitle}
        text="A function is a machine that moves a number line."
        fontFamily={FONTS.text}
        fontStyle="italic"
        fontSize={SIZES.body}
        fill={COLORS.output}
        y={120}
        opacity={0}
      />
    </>,
  );

  const narrate = narrator(timings);

  yield* narrate('welcome', function* () {
    // 1. The series line fades in
    yield* beat('series', series().opacity(1, T.series));
    // 2. The title rises into place
    title().y(-20);
    yield* beat(
      'title',
      all(title().opacity(1, T.title), title().y(-60, T.title)),
    );
  });
  yield* narrate('second-lens', function* (n) {
    // 3. A rule draws under it, in the input line's colour
    yield* beat('rule', rule().end(1, T.rule, easeInOutCubic));
    // 4. The chapter's one-sentence promise, as the second lens is named
    yield* n.mark('lens');
    yield* beat('subtitle', subtitle().opacity(1, T.subtitle));
  });
  yield* beat('hold', waitFor(T.hold));
  // 5. Everything fades for the next scene
  yield* beat(
    'out',
    all(
      series().opacity(0, T.out),
      title().opacity(0, T.out),
      rule().opacity(0, T.out),
      subtitle().opacity(0, T.out),
    ),
  );
});
