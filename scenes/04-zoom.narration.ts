/** Narration of scene 04-zoom: a tiny interval and the stretch factor. */
import {script} from '../src/narration/script';

export default script('04-zoom', [
  {
    id: 'zoom',
    text: 'Now zoom in on a tiny interval around one input point <mark name="land"/>and watch where it lands.',
  },
  {
    id: 'neighborhood',
    text: 'A small neighborhood on the top line gets carried to a small neighborhood on the bottom line.',
  },
  {
    id: 'sometimes',
    text: 'Sometimes that interval comes out longer than it went in. Sometimes shorter.',
  },
  {
    id: 'closeup',
    text: 'Zoom in far enough and the piece of the line is carried almost perfectly evenly.',
  },
  {
    id: 'factor',
    text: "The derivative is exactly the factor by which the mapping stretches or squishes that tiny interval. An interval of length dx lands as length f'(x) · dx.",
  },
  {
    id: 'zero',
    text: 'Where the slope is flat, the tiny interval barely has any length left at all.',
  },
]);
