/**
 * Facts of the graph-side demo scenes, kept in a module without Motion Canvas
 * imports so the component tests can read them.
 */
import {constant, cube, divide, identity, subtract} from '../../src/math';

/** The FunctionGraph demo's function: a gentle cubic, x³/3 − x. */
export const DEMO_F = subtract(divide(cube, constant(3)), identity);
