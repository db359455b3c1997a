/**
 * The scratch voice: eSpeak NG compiled to WebAssembly
 * (`@echogarden/espeak-ng-emscripten`), run in Node with no network. It
 * returns 16-bit mono samples and a word event per spoken word (where in
 * the input it starts, when in the audio), which give word and bookmark
 * timings without any alignment.
 */
import {createRequire} from 'node:module';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {REPO_ROOT} from '../render/paths';
import {speakable} from './speak';

/** The package of the scratch voice. */
export const ESPEAK_PACKAGE = '@echogarden/espeak-ng-emscripten';

/** One spoken word: its span in the written text and its start in seconds. */
export interface WordTiming {
  readonly index: number;
  readonly length: number;
  readonly start: number;
}

/** Synthesized speech: mono samples, their rate and the words' timings. */
export interface Speech {
  readonly samples: Int16Array;
  readonly sampleRate: number;
  readonly words: WordTiming[];
}

/** The voice and speed of the scratch voice (part of its cache key). */
export const SCRATCH_VOICE = {voice: 'en-us', rate: 165, pitch: 50, trim: 1};

interface EspeakEvent {
  type: string;
  text_position: number;
  word_length: number;
  audio_position: number;
}

interface EspeakWorker {
  set_voice(name: string): number;
  set_rate(rate: number): number;
  set_pitch(pitch: number): number;
  get_samplerate(): number;
  synthesize(
    text: string,
    callback: (samples: Int16Array, events: EspeakEvent[]) => boolean,
  ): void;
}

type EspeakInit = (
  opts?: object,
) => Promise<{eSpeakNGWorker: new () => EspeakWorker}>;

/**
 * The package's module factory, loaded once per package name (tests point
 * at one that cannot load).
 */
const factories = new Map<string, Promise<EspeakInit>>();

async function loadFactory(name: string): Promise<EspeakInit> {
  try {
    // Resolved from the repository, so any loader (tsx, vitest) finds it.
    const file = createRequire(path.join(REPO_ROOT, 'package.json')).resolve(
      name,
    );
    return ((await import(pathToFileURL(file).href)) as {default: EspeakInit})
      .default;
  } catch (error) {
    throw new Error(
      `cannot load ${name} (run npm ci): ${(error as Error).message.split('\n')[0]}`,
    );
  }
}

/**
 * A synthesizer that has spoken nothing yet.
 *
 * @remarks
 * A fresh WebAssembly instance for every text: eSpeak keeps state from one
 * utterance to the next (a text spoken after another came out 9 samples
 * longer than spoken alone here, even from a new worker on the same
 * instance), so a block's length would depend on which blocks were
 * synthesized before it in the same run, and a fresh clone would time the
 * scenes differently from a cached build. An instance costs about 0.1 s.
 */
async function freshWorker(name: string): Promise<EspeakWorker> {
  let factory = factories.get(name);
  if (!factory) factories.set(name, (factory = loadFactory(name)));
  let init: EspeakInit;
  try {
    init = await factory;
  } catch (error) {
    factories.delete(name);
    throw error;
  }
  const module = await init();
  const w = new module.eSpeakNGWorker();
  w.set_voice(SCRATCH_VOICE.voice);
  w.set_rate(SCRATCH_VOICE.rate);
  w.set_pitch(SCRATCH_VOICE.pitch);
  return w;
}

/** Speaks a written text with the scratch voice. */
export async function synthesize(written: string): Promise<Speech> {
  const w = await freshWorker(
    process.env.MC_NARRATION_ESPEAK ?? ESPEAK_PACKAGE,
  );
  const spoken = speakable(written);
  const chunks: Int16Array[] = [];
  const events: EspeakEvent[] = [];
  w.synthesize(spoken.text, (samples, evs) => {
    chunks.push(samples);
    events.push(...evs);
    return false;
  });
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const samples = new Int16Array(total);
  let at = 0;
  for (const c of chunks) {
    samples.set(c, at);
    at += c.length;
  }
  // Trim the voice's leading and trailing silence (keeping 20 ms before the
  // first sound): a block's sound starts on its beat.
  const rate = w.get_samplerate();
  const loud = (v: number) => Math.abs(v) > 300;
  let first = samples.findIndex(loud);
  if (first < 0) first = 0;
  let last = samples.length - 1;
  while (last > first && !loud(samples[last])) last--;
  const lead = Math.max(0, first - Math.round(0.02 * rate));
  const tail = Math.min(samples.length, last + Math.round(0.1 * rate));
  const trimmed = samples.slice(lead, tail);
  const shift = lead / rate;
  const words: WordTiming[] = [];
  for (const e of events) {
    if (e.type !== 'word') continue;
    // Positions are 1-based into the spoken (ASCII) text; map them back.
    const from = Math.max(0, e.text_position - 1);
    const to = Math.min(spoken.text.length - 1, from + e.word_length - 1);
    const index = spoken.source[from] ?? 0;
    const last = spoken.source[to] ?? index;
    const prev = words[words.length - 1];
    // Several spoken words can come from one written token ("f'(x)").
    if (prev && prev.index === index) continue;
    words.push({
      index,
      length: Math.max(1, last - index + 1),
      start: Math.max(0, e.audio_position / 1000 - shift),
    });
  }
  return {samples: trimmed, sampleRate: rate, words};
}
