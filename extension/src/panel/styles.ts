import type { CSSProperties } from 'react';

// OHIF's Tailwind classes are only present when the host happens to use them, so the panel styles
// itself, in the viewer's dark palette.
export const colors = {
  text: '#e6edf7',
  muted: '#9aa8c7',
  accent: '#5acce6',
  border: '#2b3a66',
  warningBg: '#3b2f0b',
  warningText: '#ffd27a',
  errorBg: '#3d1420',
  errorText: '#ff9fb2',
  rowBg: '#0e1438',
};

export const s: Record<string, CSSProperties> = {
  panel: { color: colors.text, fontSize: 13, lineHeight: 1.4, padding: '10px 12px', fontFamily: 'inherit' },
  title: { fontSize: 15, fontWeight: 600, margin: '0 0 6px' },
  banner: {
    border: `1px solid ${colors.border}`,
    borderRadius: 4,
    padding: '6px 8px',
    margin: '0 0 10px',
    color: colors.muted,
    fontSize: 12,
  },
  sectionTitle: { fontSize: 12, textTransform: 'uppercase', letterSpacing: 0.6, color: colors.muted, margin: '12px 0 4px' },
  row: {
    display: 'flex',
    gap: 8,
    alignItems: 'baseline',
    background: colors.rowBg,
    borderRadius: 3,
    padding: '4px 6px',
    margin: '2px 0',
  },
  rowButton: {
    display: 'flex',
    width: '100%',
    gap: 8,
    alignItems: 'baseline',
    background: colors.rowBg,
    border: 'none',
    borderRadius: 3,
    padding: '4px 6px',
    margin: '2px 0',
    color: colors.text,
    font: 'inherit',
    textAlign: 'left',
    cursor: 'pointer',
  },
  roleTag: { minWidth: 118, fontWeight: 600, color: colors.accent },
  detail: { color: colors.muted, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  warning: { background: colors.warningBg, color: colors.warningText, borderRadius: 3, padding: '4px 6px', margin: '4px 0' },
  error: { background: colors.errorBg, color: colors.errorText, borderRadius: 3, padding: '6px 8px', margin: '6px 0' },
  select: { background: colors.rowBg, color: colors.text, border: `1px solid ${colors.border}`, borderRadius: 3 },
  facts: { display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 10, rowGap: 2, margin: '2px 0 4px' },
  factName: { color: colors.muted },
  factValue: { margin: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  seriesName: { flex: 1, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
};
