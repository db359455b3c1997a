import {Txt, type TxtProps} from '@motion-canvas/2d';
import type {ReferenceReceiver} from '@motion-canvas/core';
import {COLORS, FONTS, SIZES} from '../theme';

/** Props of {@link Heading} and {@link Caption}: any Txt prop overrides. */
export type TextProps = TxtProps & {ref?: ReferenceReceiver<Txt>};

/**
 * A scene's heading: the text face, semibold, at heading size, hidden until
 * a beat fades it in.
 *
 * @example
 * ```tsx
 * <Heading ref={title} key="title" text="Same number, two clothes" y={-470} />
 * ```
 */
export function Heading({key, ...props}: TextProps) {
  return (
    <Txt
      key={key}
      fontFamily={FONTS.text}
      fontWeight={600}
      fontSize={SIZES.heading}
      fill={COLORS.text}
      opacity={0}
      {...props}
    />
  );
}

/**
 * A caption: body-size text, centred and wrapped at its `width`, hidden
 * until a beat fades it in.
 */
export function Caption({key, ...props}: TextProps) {
  return (
    <Txt
      key={key}
      fontFamily={FONTS.text}
      fontSize={SIZES.body}
      fill={COLORS.text}
      textAlign="center"
      textWrap
      opacity={0}
      {...props}
    />
  );
}
