// The error a promise rejects with, for tests that assert on its fields (class, code, message).
// Anything else fails the test: a fulfilled promise, or an error of another class.
export async function rejection<E extends Error>(p: Promise<unknown>, type: abstract new (...args: never[]) => E): Promise<E> {
  try {
    await p;
  } catch (e) {
    if (e instanceof type) return e;
    throw e;
  }
  throw new Error("expected a rejection");
}
