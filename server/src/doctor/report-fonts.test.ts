import { type Finding, checkReportFonts } from './doctor-checks';

describe('checkReportFonts', () => {
  it('finds the fonts the report PDF embeds, and names the package when one is missing', () => {
    const here: Finding[] = [];
    checkReportFonts(here);
    expect(here).toEqual([{ severity: 'ok', text: 'The report PDF can embed its fonts (DejaVu Sans).' }]);
    const missing: Finding[] = [];
    checkReportFonts(missing, { body: '/nonexistent/DejaVuSans.ttf' });
    expect(missing[0].severity).toBe('problem');
    expect(missing[0].text).toMatch(/\/nonexistent\/DejaVuSans\.ttf\) — install the Debian package fonts-dejavu-core/);
  });
});
