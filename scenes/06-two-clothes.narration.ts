/** Narration of scene 06-two-clothes: the slope and the stretch agree. */
import {script} from '../src/narration/script';

export default script('06-two-clothes', [
  {
    id: 'same-number',
    text: 'The slope picture and the stretch picture are the same number wearing different clothes.',
  },
  {
    id: 'rise-over-run',
    text: 'Rise over run in the graph is output length over input length in the mapping.',
  },
  {
    id: 'agree',
    text: 'They have to agree, because they are computed from the same f.',
  },
]);
