declare module '@echogarden/espeak-ng-emscripten' {
  const init: (options?: object) => Promise<{
    eSpeakNGWorker: new () => {
      set_voice(name: string): number;
      set_rate(rate: number): number;
      set_pitch(pitch: number): number;
      get_samplerate(): number;
      synthesize(
        text: string,
        callback: (
          samples: Int16Array,
          events: {
            type: string;
            text_position: number;
            word_length: number;
            audio_position: number;
          }[],
        ) => boolean,
      ): void;
    };
  }>;
  export default init;
}
