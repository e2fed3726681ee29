// The outline and study-preparation endpoints' part of /api/openapi.json (outline-routes.ts, prefetch-route.ts),
// bodies and answers from the contract's zod schemas, the same that validate the requests and type the panel's client.
import { z } from 'zod';
import {
  existingOutlineSchema,
  kineticMapRequestSchema,
  kineticMapSchema,
  outlineMaskRequestSchema,
  outlineMaskSchema,
  prefetchRequestSchema,
  prefetchSchema,
  proposalRequestSchema,
  proposalSchema,
} from '../../contract';

const study = {
  name: 'study',
  in: 'path',
  required: true,
  schema: { type: 'string' },
  description: 'StudyInstanceUID',
};
const message = (description: string) => ({
  description,
  content: { 'application/json': { schema: { type: 'object', properties: { error: { type: 'string' } } } } },
});
const body = (schema: z.ZodType) => ({
  required: true,
  content: { 'application/json': { schema: z.toJSONSchema(schema) } },
});
const answer = (description: string, schema: z.ZodType) => ({
  description,
  content: { 'application/json': { schema: z.toJSONSchema(schema) } },
});

export function outlineApiPaths(): Record<string, unknown> {
  return {
    '/api/studies/{study}/proposals': {
      post: {
        summary:
          'A proposed lesion outline from one click (LPS mm) on a post-contrast DCE phase, as a mask outline for /api/analyses',
        parameters: [study],
        requestBody: body(proposalRequestSchema),
        responses: {
          200: answer('The proposed outline', proposalSchema),
          400: message('The request is malformed'),
          422: message('No lesion at this point, or no DCE to propose on; { error, reason }'),
        },
      },
    },
    '/api/studies/{study}/outlines': {
      get: {
        summary: 'The SEG segments and RTSTRUCT ROIs already in a study, whatever tool made them',
        parameters: [study],
        responses: {
          200: answer('{ outlines }', z.object({ outlines: z.array(existingOutlineSchema) })),
          502: message('The PACS failed'),
        },
      },
    },
    '/api/studies/{study}/outlines/mask': {
      post: {
        summary: 'One SEG segment or RTSTRUCT ROI as a mask outline on the series it references',
        parameters: [study],
        requestBody: body(outlineMaskRequestSchema),
        responses: {
          200: answer('The outline as a mask', outlineMaskSchema),
          400: message('The request is malformed'),
          422: message(
            'Not an outline, another frame of reference, an open or self-crossing contour, no segment chosen',
          ),
        },
      },
    },
    '/api/studies/{study}/prefetch': {
      post: {
        summary:
          "Reads the series the model would read (and the DCE phases) into the server's volume cache in the background, so that an analysis of the study starts from memory; answers at once",
        parameters: [study],
        requestBody: body(prefetchRequestSchema),
        responses: {
          202: answer(
            'Accepted: started, or why not (already running, done less than a minute ago, too many prefetches at once, cache off, analyses run on heron workers)',
            prefetchSchema,
          ),
          400: message('Not a study UID, or a malformed body'),
          404: message('No such model'),
        },
      },
    },
    '/api/studies/{study}/kinetic-map': {
      post: {
        summary:
          'Kinetic colour map of the DCE: the BI-RADS delayed curve type of every enhancing voxel of the body, on the first post-contrast phase (labels 1 persistent, 2 plateau, 3 wash-out); research use only',
        parameters: [study],
        requestBody: body(kineticMapRequestSchema),
        responses: {
          200: answer('One run-length mask per curve type', kineticMapSchema),
          400: message('The request is malformed'),
          422: message(
            'No DCE, one phase only, no pre-contrast phase, no acquisition or injection times, phases on different grids',
          ),
          502: message('The PACS failed'),
        },
      },
    },
  };
}
