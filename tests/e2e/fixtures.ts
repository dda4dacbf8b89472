import { test as base, expect } from '@playwright/test';

// Pages are prerendered (src/prerender): their content is there before the app runs, and a click
// that early is a plain page load, as it should be for a reader. Tests of the app's own behaviour
// (in-app navigation, focus, announcements, fetching ahead) start once it has taken the page over
// (`<html data-app="on">`, src/takeover.rs). `page.goto` waits for that, unless the test chose a
// `waitUntil` of its own (it then looks at the page before the app) or runs without JavaScript.
export const test = base.extend({
  page: async ({ page, javaScriptEnabled }, use) => {
    const goto = page.goto.bind(page);
    page.goto = async (url, options) => {
      const response = await goto(url, options);
      if (javaScriptEnabled !== false && !options?.waitUntil) {
        // (A page that is not the portal's, e.g. a district site's, has no app to wait for.)
        const ready = page.locator('html[data-app="on"], html:not(:has(script[data-wasm]))');
        await expect(ready, `the app took over ${url}`).toHaveCount(1);
      }
      return response;
    };
    await use(page);
  },
});

export { expect };
export type { Frame, Page, Route } from '@playwright/test';
