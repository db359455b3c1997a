/** Narration of scene 03-mapping: "The other picture: a function as a mapping". */
import {script} from '../src/narration/script';

export default script('03-mapping', [
  {
    id: 'lines',
    text: 'Forget the graph. Draw the input as one number line and the output as a second number line below it.',
  },
  {
    id: 'machine',
    text: 'A function is then a machine that grabs each point on the top line and sends it to a point on the bottom line.',
  },
  {
    id: 'integers',
    text: 'Take f(x) = x². Zero lands on zero, one on one, two on four and three on nine.',
  },
  {
    id: 'dense',
    text: 'Fill the top line with points and let them all travel at once. The negative half lands on top of the positive half.',
  },
  {
    id: 'deform',
    text: 'Picture the top line itself being carried down: near zero it bunches up, farther out it spreads apart.',
  },
  {
    id: 'gentle',
    text: 'A gentler function moves the line less, but it still moves every point.',
  },
  {
    id: 'sweep',
    text: 'Follow one small piece of the line as it travels, and see how its length changes from place to place.',
  },
]);
