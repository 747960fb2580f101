import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** WCAG 2.1 A and AA, plus axe's best practices (landmarks, headings, unique names). */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

export const SCHEMES = ['light', 'dark'] as const;

export interface AuditOptions {
  /** Viewport widths at which the page must not scroll sideways. */
  widths?: number[];
  /** Also lay the page out right-to-left at these widths. */
  rtlWidths?: number[];
  /** The viewport to come back to after the width checks. */
  height?: number;
  restoreWidth?: number;
}

/**
 * Collects every problem on a page across its states, so one run shows them
 * all: axe violations in the light and the dark scheme, sideways scrolling
 * and content cut off at each width, left to right and right to left.
 */
export class Audit {
  readonly problems: string[] = [];
  readonly states: string[] = [];

  constructor(
    private readonly page: Page,
    private readonly options: AuditOptions = {},
  ) {}

  async check(state: string): Promise<void> {
    this.states.push(state);
    for (const scheme of SCHEMES) {
      await this.page.emulateMedia({ colorScheme: scheme });
      // Legacy mode: one axe.run in the page. The default finishes each run in a
      // new blank tab, which doubles the time; these pages have no frames.
      const result = await new AxeBuilder({ page: this.page }).setLegacyMode(true).withTags(AXE_TAGS).analyze();
      for (const v of result.violations) {
        const nodes = v.nodes.map((n) => `${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s*\n\s*/g, ' ')}`);
        this.problems.push(`[${state}, ${scheme}] axe ${v.id} (${v.impact}): ${v.help}\n      ${nodes.slice(0, 5).join('\n      ')}`);
      }
    }
    await this.page.emulateMedia({ colorScheme: 'light' });
    const { widths = [], rtlWidths = [], height = 600, restoreWidth } = this.options;
    if (!widths.length && !rtlWidths.length) return;
    const before = this.page.viewportSize();
    for (const width of widths) await this.layout(state, width, height, 'ltr');
    for (const width of rtlWidths) await this.layout(state, width, height, 'rtl');
    const back = restoreWidth ?? before?.width;
    if (back) await this.page.setViewportSize({ width: back, height: before?.height ?? height });
  }

  private async layout(state: string, width: number, height: number, dir: 'ltr' | 'rtl') {
    await this.page.setViewportSize({ width, height });
    const found = await this.page.evaluate(overflowProblems, dir);
    for (const f of found) this.problems.push(`[${state}, ${width}px ${dir}] ${f}`);
  }

  /** Fails with every problem found, one per line. */
  assertClean(): void {
    if (this.problems.length) {
      throw new Error(`${this.problems.length} problem(s) in ${this.states.length} states:\n  ${this.problems.join('\n  ')}`);
    }
  }
}

/**
 * Runs in the page: the document must not scroll sideways, no box may stick
 * out of the viewport or out of the box that clips it (overflow: hidden would
 * cut it off), and no inner box may scroll sideways.
 */
export function overflowProblems(dir: 'ltr' | 'rtl'): string[] {
  const root = document.documentElement;
  const previous = root.dir;
  root.dir = dir;
  const problems: string[] = [];
  const name = (el: Element) => {
    const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
    const text = (el.textContent ?? '').trim().slice(0, 40);
    return `<${el.tagName.toLowerCase()}${cls}> "${text}"`;
  };
  try {
    if (root.scrollWidth > root.clientWidth) problems.push(`the page scrolls sideways: ${root.scrollWidth}px of content in ${root.clientWidth}px`);
    const width = root.clientWidth;
    const out: Element[] = [];
    const clipper = (el: Element) => {
      for (let a = el.parentElement; a && a !== document.body && a !== root; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== 'visible') return a;
      }
      return null;
    };
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      if (el.closest('.sr-only, option, datalist, template')) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden') continue;
      const clip = clipper(el);
      // Inside a 1-pixel clipping box: hidden on purpose, for screen readers only.
      if (clip && clip.getBoundingClientRect().width <= 1) continue;
      const bounds = clip ? clip.getBoundingClientRect() : { left: 0, right: width };
      if (box.left < bounds.left - 1 || box.right > bounds.right + 1 || box.left < -1 || box.right > width + 1) {
        // The outermost box that sticks out is the one to fix.
        const within = clip ? ` of ${name(clip)} at ${Math.round(bounds.left)}..${Math.round(bounds.right)}` : ` of ${width}px`;
        if (!out.some((o) => o.contains(el))) problems.push(`${name(el)} sticks out: ${Math.round(box.left)}..${Math.round(box.right)}${within}`);
        out.push(el);
      }
      if (/auto|scroll/.test(style.overflowX) && el.scrollWidth > el.clientWidth + 1) {
        problems.push(`${name(el)} scrolls sideways: ${el.scrollWidth}px of content in ${el.clientWidth}px`);
      }
    }
  } finally {
    root.dir = previous;
  }
  // One line per kind of box is enough to find it.
  return [...new Set(problems)].slice(0, 8);
}
