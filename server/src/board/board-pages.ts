/**
 * The board's HTML pages: the list of cases with its filters, a report with next/previous for presenting in a
 * meeting, and plain messages (a study without Heron results, a bad link). Every value from the PACS is escaped.
 */
import { BOARD_STATUSES, type BoardQuery } from '../contract';
import type { BoardReport } from '../report/board-report';
import { INTENDED_USE_NOTICE } from '../report/board-report';
import { esc, htmlPage, reportMain } from '../report/report-html';
import { percent } from '../report/report-text';
import type { BoardCase, BoardList } from './board-cases';

/** The query string that keeps the board's filters across its links. */
export function filterQuery(q: BoardQuery): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v) params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
}

export const reportHref = (c: Pick<BoardCase, 'studyInstanceUID' | 'srSopInstanceUID'>, q: BoardQuery) =>
  `/board/reports/${c.studyInstanceUID}/${c.srSopInstanceUID}${filterQuery(q)}`;

const nav = (inner: string) =>
  `<nav class="board"><strong>Heron tumour board</strong><a href="/board">All cases</a>${inner}<span class="notice">${esc(INTENDED_USE_NOTICE)}</span></nav>`;

function options(values: string[], chosen: string | undefined, any: string): string {
  return [`<option value="">${esc(any)}</option>`]
    .concat(values.map((v) => `<option${v === chosen ? ' selected' : ''} value="${esc(v)}">${esc(v)}</option>`))
    .join('');
}

function filters(list: BoardList, q: BoardQuery): string {
  return `<form class="filters" method="get" action="/board">
<label>Analysed from<input type="date" name="from" value="${esc(q.from ?? '')}"></label>
<label>to<input type="date" name="to" value="${esc(q.to ?? '')}"></label>
<label>Question<select name="question">${options(list.questions, q.question, 'any question')}</select></label>
<label>Model<select name="model">${options(list.models, q.model, 'any model')}</select></label>
<label>Review status<select name="status">${options([...BOARD_STATUSES], q.status, 'any status')}</select></label>
<button type="submit">Show</button></form>`;
}

function caseRow(c: BoardCase, q: BoardQuery): string {
  return `<tr data-testid="heron-board-case" data-status="${esc(c.status)}">
<td>${esc(c.analysedOn ?? '')}</td><td>${esc(c.patient)}<br><span class="muted small">${esc(c.patientId)}</span></td>
<td>${esc(c.studyDate ?? '')}</td><td>${esc(c.question)}</td><td>${esc(c.model)}</td>
<td class="${c.predictedPositive ? 'pos' : 'neg'}">${c.survival ? `${esc(c.survival.groupName)} (risk score ${c.survival.riskScore.toFixed(3)})` : `${percent(c.probability)} (${c.predictedPositive ? 'positive' : 'negative'})`}</td>
<td>${esc(c.status)}${c.decidedBy ? ` <span class="muted small">by ${esc(c.decidedBy)}</span>` : ''}</td>
<td><a href="${esc(reportHref(c, q))}">Open report</a></td></tr>`;
}

/** The list of cases; `study` when the list is one study's (then an empty list says the study has no results). */
export function listPage(list: BoardList, q: BoardQuery, study?: string): string {
  const range = q.from || q.to ? ` analysed ${q.from ? `from ${q.from}` : ''}${q.to ? ` to ${q.to}` : ''}` : '';
  const empty = study
    ? `<p data-testid="heron-board-empty">This study has no Heron results: nobody has analysed it with Heron yet, or its reports were removed from the PACS.</p>`
    : `<p data-testid="heron-board-empty">No Heron cases${esc(range)} match these filters.</p>`;
  const table = list.cases.length
    ? `<table class="cases"><thead><tr><th>Analysed</th><th>Patient</th><th>Study date</th><th>Question</th><th>Model</th><th>Answer</th><th>Review</th><th></th></tr></thead><tbody>${list.cases.map((c) => caseRow(c, q)).join('')}</tbody></table>`
    : empty;
  const foreign = list.foreign.length
    ? `<h2>Other structured reports</h2><table class="cases">${list.foreign
        .map(
          (f) =>
            `<tr data-testid="heron-board-foreign"><td>${esc(f.patient)}</td><td>${esc(f.title)}</td><td>not a Heron report</td><td class="muted small">${esc(f.why)}</td></tr>`,
        )
        .join('')}</table>`
    : '';
  const truncated = list.truncated
    ? '<p class="warn">The PACS holds more reports than one page reads; narrow the date range.</p>'
    : '';
  return htmlPage(
    'Heron tumour board',
    `${nav('')}<main><h1>${study ? 'Heron results of one study' : 'Cases for the tumour board'}</h1>
${study ? `<p class="muted small">Study ${esc(study)}</p>` : filters(list, q)}${truncated}${table}${foreign}</main>`,
  );
}

export interface ReportNav {
  previous?: string;
  next?: string;
  /** 1-based place in the filtered list, and its length; absent when the report is not in the list. */
  position?: [number, number];
  back: string;
}

export function reportPage(report: BoardReport, n: ReportNav | null): string {
  const links = n
    ? nav(
        `<a href="${esc(n.back)}">Back to the list</a>${n.previous ? `<a rel="prev" href="${esc(n.previous)}">← Previous case</a>` : ''}${n.next ? `<a rel="next" href="${esc(n.next)}">Next case →</a>` : ''}${n.position ? `<span class="muted">case ${n.position[0]} of ${n.position[1]}</span>` : ''}`,
      )
    : '';
  return htmlPage(`Heron report: ${report.patient.name}`, `${links}${reportMain(report)}`);
}

export function messagePage(title: string, message: string, withNav = true): string {
  return htmlPage(
    title,
    `${withNav ? nav('') : ''}<main><h1>${esc(title)}</h1><p data-testid="heron-board-message">${esc(message)}</p></main>`,
  );
}
