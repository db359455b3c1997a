/** Narration of scene 01-title: the lesson's opening ("Start here"). */
import {script} from '../src/narration/script';

export default script('01-title', [
  {
    id: 'welcome',
    text: 'This is Chapter 12, the final chapter of the Essence of Calculus series. You already know the derivative as the slope of a curve.',
  },
  {
    id: 'second-lens',
    text: 'That picture is good, but it is not the only one, and it is not the one that generalizes best to higher dimensions and to machine learning. <mark name="lens"/>This chapter hands you a second lens. Once you have both, the rest of your math life gets easier.',
  },
]);
