// Every journey's `test`: Playwright's, with the browser address's upload budgets fresh at the start
// of each test. All journeys come from 127.0.0.1, and the suite starts more uploads in ten minutes
// than one visitor may (MINT_LIMITS.perIp, the intake gate), so whichever journeys ran late met
// "Too many uploads" on a fresh CI clone. The limits' own specs count theirs within one test, from
// documentation addresses (192.0.2.x, 203.0.113.x) this leaves alone.
import { test as base } from "@playwright/test";
import { freshAddressBudgets } from "./db";

export * from "@playwright/test";
export const test = base.extend<{ freshAddressBudgets: void }>({
  freshAddressBudgets: [
    async ({}, use) => {
      await freshAddressBudgets();
      await use();
    },
    { auto: true },
  ],
});
