/** The words of a duration: each unit with its numbers ("{n} ms", "{m} min {s} s"). */
export type DurationWords = {
  ms: (n: number) => string;
  s: (n: number) => string;
  minS: (m: number, s: string) => string;
  min: (m: number) => string;
  h: (n: number) => string;
};

const english: DurationWords = {
  ms: (n) => `${n} ms`,
  s: (n) => `${n} s`,
  minS: (m, s) => `${m} min ${s} s`,
  min: (m) => `${m} min`,
  h: (n) => `${n} h`,
};

/** A setup time for the dashboard in the given words: "350 ms", "2.5 s", "42 s", "3 min 05 s", "12 min", "1.5 h". */
export function durationIn(words: DurationWords) {
  return (v: unknown): string => {
    const s = Number(v);
    if (s === 0) return words.s(0);
    if (s < 1) return words.ms(Math.round(s * 1000));
    if (s < 10) return words.s(Number(s.toFixed(1)));
    if (s < 60) return words.s(Math.round(s));
    if (s < 600) return words.minS(Math.floor(s / 60), String(Math.round(s % 60)).padStart(2, "0"));
    if (s < 3600) return words.min(Math.round(s / 60));
    return words.h(Number((s / 3600).toFixed(1)));
  };
}

/** A setup time in English. */
export const duration = durationIn(english);
