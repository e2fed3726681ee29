import { z } from 'zod';
import { outlineSchema } from '../../analysis/outline';
import { analysisRequestSchema, rejectSchema } from './analysis-routes';
import { outlineApiPaths } from './outline-openapi';

const error = { description: 'A message for the reader', content: { 'application/json': { schema: { type: 'object', properties: { error: { type: 'string' } } } } } };
const json = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
const studyParam = { name: 'study', in: 'path', required: true, schema: { type: 'string' }, description: 'StudyInstanceUID' };

/**
 * The API description served at /api/openapi.json. Request bodies are generated from the same zod schemas that
 * validate them, so the document cannot drift from what the server accepts.
 */
export function openApiDocument(version: string): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Heron API',
      version,
      description: 'Breast-MRI radiomics decision support. Research use only; not a diagnosis. Every request needs the reader login (HTTP Basic).',
    },
    components: {
      securitySchemes: { reader: { type: 'http', scheme: 'basic' } },
      schemas: { AnalysisRequest: z.toJSONSchema(analysisRequestSchema), Outline: z.toJSONSchema(outlineSchema) },
    },
    security: [{ reader: [] }],
    paths: {
      ...outlineApiPaths(),
      '/api/models': { get: { summary: 'The models available, with the question each answers and its intended use', responses: { 200: json('{ models }') } } },
      '/api/analyses': {
        post: {
          summary: 'Start an analysis of a study with an outline and a model',
          parameters: [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string' }, description: 'A repeated key answers the same analysis instead of running it again' }],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/AnalysisRequest' } } } },
          responses: { 202: json('The analysis, queued'), 200: json('The earlier analysis with this Idempotency-Key'), 400: error, 404: error, 409: error },
        },
      },
      '/api/analyses/{id}': { get: { summary: 'State, progress events and result of an analysis', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: json('The analysis'), 404: error } } },
      '/api/analyses/{id}/events': { get: { summary: 'Progress as server-sent events (one JSON object per event)', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: { description: 'text/event-stream' }, 404: error } } },
      '/api/studies/{study}/series-roles': {
        get: { summary: 'The series of a study sorted into roles (DCE phases, T2, DWI b-values, ADC, other)', parameters: [studyParam], responses: { 200: json('StudyRoles'), 400: error, 404: error, 502: error } },
        post: { summary: 'The same with the reader\'s reassignments', parameters: [studyParam], requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { overrides: { type: 'object', additionalProperties: { enum: ['dce', 't2', 'dwi', 'adc', 'other'] } } } } } } }, responses: { 200: json('StudyRoles'), 400: error } },
      },
      '/api/studies/{study}/results': { get: { summary: 'The Heron reports already stored in a study, newest first', parameters: [studyParam], responses: { 200: json('{ results }'), 502: error } } },
      '/api/results/{sr}/accept': {
        post: {
          summary: 'The reader accepts a report: a VERIFIED copy naming them is stored, replacing it',
          parameters: [{ name: 'sr', in: 'path', required: true, schema: { type: 'string' }, description: 'SOP Instance UID of the report' }],
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['studyInstanceUID'], properties: { studyInstanceUID: { type: 'string' } } } } } },
          responses: { 201: json('The verified report'), 400: error },
        },
      },
      '/api/results/{sr}/reject': {
        post: {
          summary: 'The reader rejects a report with a reason: a copy recording the rejection, the reason and the reader is stored, replacing it',
          parameters: [{ name: 'sr', in: 'path', required: true, schema: { type: 'string' }, description: 'SOP Instance UID of the report' }],
          requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(rejectSchema) } } },
          responses: { 201: json('The rejected report'), 400: error, 502: error },
        },
      },
    },
  };
}
