/**
 * A pure function of a string that remembers its answers, for up to 10,000 strings at a time.
 * For time-zone arithmetic and formatting: Luxon and Intl take microseconds to tens of
 * microseconds a call, and every page and slots request asks about the same few dates and times.
 */
export function remembered<T>(compute: (key: string) => T): (key: string) => T {
  const answers = new Map<string, T>();
  return (key) => {
    if (answers.has(key)) return answers.get(key) as T;
    const answer = compute(key);
    if (answers.size >= 10_000) answers.clear();
    answers.set(key, answer);
    return answer;
  };
}
