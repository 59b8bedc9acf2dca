// An error that stops kehou from starting, with a message for the operator in Chinese and English.
export class StartupError extends Error {
  constructor(
    readonly code: string,
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh}\n${en}`);
    this.name = 'StartupError';
  }
}
