import { z } from 'zod';
import {
  acceptRequestSchema,
  amendRequestSchema,
  analysisJobSchema,
  analysisRequestSchema,
  meSchema,
  modelSummarySchema,
  outlineSchema,
  progressEventSchema,
  rejectRequestSchema,
  seriesRolesRequestSchema,
  signoffOutcomeSchema,
  storedResultSchema,
} from '../../contract';
import { outlineApiPaths } from './outline-openapi';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const body = (schema: object) => ({ required: true, content: { 'application/json': { schema } } });
const json = (description: string, schema: object = { type: 'object' }) => ({
  description,
  content: { 'application/json': { schema } },
});
const error = json('A message for the reader', { type: 'object', properties: { error: { type: 'string' } } });
const studyParam = {
  name: 'study',
  in: 'path',
  required: true,
  schema: { type: 'string' },
  description: 'StudyInstanceUID',
};
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const srParam = {
  name: 'sr',
  in: 'path',
  required: true,
  schema: { type: 'string' },
  description: 'SOP Instance UID of the report',
};

/**
 * The API description served at /api/openapi.json. Bodies are generated from the contract's zod schemas, the same
 * that validate requests and type the panel's client, so the document cannot drift from what the server exchanges.
 */
export function openApiDocument(version: string): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Heron API',
      version,
      description:
        'Breast-MRI radiomics decision support. Research use only; not a diagnosis. Every request needs a login: a local account (HTTP Basic), a single sign-on session (cookie, with X-CSRF-Token on writes) or a bearer token from the provider. Each route needs a role (reader, board, admin); a request without it is answered 403.',
    },
    components: {
      securitySchemes: {
        reader: { type: 'http', scheme: 'basic' },
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        session: { type: 'apiKey', in: 'cookie', name: 'heron-session' },
      },
      schemas: {
        AnalysisRequest: z.toJSONSchema(analysisRequestSchema),
        Outline: z.toJSONSchema(outlineSchema),
        Analysis: z.toJSONSchema(analysisJobSchema),
        ProgressEvent: z.toJSONSchema(progressEventSchema),
        ModelSummary: z.toJSONSchema(modelSummarySchema),
        StoredResult: z.toJSONSchema(storedResultSchema),
        SignoffOutcome: z.toJSONSchema(signoffOutcomeSchema),
        Me: z.toJSONSchema(meSchema),
      },
    },
    security: [{ reader: [] }, { bearer: [] }, { session: [] }],
    paths: {
      '/api/me': {
        get: {
          summary: 'Who is signed in, their roles, and what the viewer may offer them (any role)',
          responses: { 200: json('The signed-in person', ref('Me')), 401: error },
        },
      },
      '/api/audit': {
        get: {
          summary: 'The newest audit log entries, oldest first (admin role)',
          parameters: [
            { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 1000 } },
          ],
          responses: {
            200: json('{ entries }', {
              type: 'object',
              properties: { entries: { type: 'array', items: { type: 'object' } } },
            }),
            400: error,
            403: error,
          },
        },
      },
      ...outlineApiPaths(),
      '/api/models': {
        get: {
          summary: 'The models available, with the question each answers and its intended use',
          responses: {
            200: json('{ models }', {
              type: 'object',
              properties: { models: { type: 'array', items: ref('ModelSummary') } },
            }),
          },
        },
      },
      '/api/analyses': {
        post: {
          summary:
            "Start an analysis of a study with an outline and a model; with flow 'her2-stratified', HER2-positive vs negative and, after a negative answer, HER2-low vs HER2-zero (result.stratified)",
          parameters: [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              schema: { type: 'string' },
              description: 'A repeated key answers the same analysis instead of running it again',
            },
          ],
          requestBody: body(ref('AnalysisRequest')),
          responses: {
            202: json('The analysis, queued', ref('Analysis')),
            200: json('The earlier analysis with this Idempotency-Key', ref('Analysis')),
            400: error,
            404: error,
            409: error,
            422: error,
            502: error,
          },
        },
      },
      '/api/analyses/{id}': {
        get: {
          summary: 'State, progress events and result of an analysis',
          parameters: [idParam],
          responses: { 200: json('The analysis', ref('Analysis')), 404: error },
        },
      },
      '/api/analyses/{id}/events': {
        get: {
          summary: 'Progress as server-sent events (one ProgressEvent as JSON per event)',
          parameters: [idParam],
          responses: {
            200: {
              description: 'text/event-stream',
              content: { 'text/event-stream': { schema: ref('ProgressEvent') } },
            },
            404: error,
            429: error,
          },
        },
      },
      '/api/analyses/{id}/store': {
        post: {
          summary:
            'Store again a result whose store failed, with the same SEG, SR and PDF instances (idempotent: a stored result is answered as it is)',
          parameters: [idParam],
          responses: {
            200: json('The analysis, its result stored or its store failed again (result.storage)', ref('Analysis')),
            404: error,
            409: error,
            410: error,
          },
        },
      },
      '/api/studies/{study}/series-roles': {
        get: {
          summary: 'The series of a study sorted into roles (DCE phases, T2, DWI b-values, ADC, other)',
          parameters: [studyParam],
          responses: { 200: json('StudyRoles'), 400: error, 404: error, 502: error },
        },
        post: {
          summary: "The same with the reader's reassignments",
          parameters: [studyParam],
          requestBody: body(z.toJSONSchema(seriesRolesRequestSchema)),
          responses: { 200: json('StudyRoles'), 400: error },
        },
      },
      '/api/studies/{study}/results': {
        get: {
          summary: 'The Heron reports already stored in a study, newest first',
          parameters: [studyParam],
          responses: {
            200: json('{ results }', {
              type: 'object',
              properties: { results: { type: 'array', items: ref('StoredResult') } },
            }),
            502: error,
          },
        },
      },
      '/api/results/{sr}/accept': {
        post: {
          summary: 'The reader accepts a report: a VERIFIED copy naming them is stored, replacing it',
          parameters: [srParam],
          requestBody: body(z.toJSONSchema(acceptRequestSchema)),
          responses: { 201: json('The verified report', ref('SignoffOutcome')), 400: error, 409: error, 502: error },
        },
      },
      '/api/results/{sr}/reject': {
        post: {
          summary:
            'The reader rejects a report with a reason: a copy recording the rejection, the reason and the reader is stored, replacing it',
          parameters: [srParam],
          requestBody: body(z.toJSONSchema(rejectRequestSchema)),
          responses: { 201: json('The rejected report', ref('SignoffOutcome')), 400: error, 409: error, 502: error },
        },
      },
      '/api/results/{sr}/amend': {
        post: {
          summary:
            'The reader changes a decision: a new signed copy of the report replaces both the report and the decision in force',
          parameters: [{ ...srParam, description: 'SOP Instance UID of the acceptance or rejection in force' }],
          requestBody: body(z.toJSONSchema(amendRequestSchema)),
          responses: { 201: json('The amended decision', ref('SignoffOutcome')), 400: error, 409: error, 502: error },
        },
      },
    },
  };
}
