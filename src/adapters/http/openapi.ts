import { z } from 'zod';
import { API_OPERATIONS, codeToStatus, errorBody, type Operations } from './api-schemas.ts';

/** How every schema of the document is generated: the shape a client sends (before transforms). */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
}

type JsonObject = { properties?: Record<string, unknown>; required?: string[] };

/** An object schema's properties as OpenAPI parameters of one location. */
function parametersOf(schema: z.ZodType | undefined, location: 'path' | 'query' | 'header') {
  if (!schema) return [];
  const json = jsonSchemaOf(schema) as JsonObject;
  const required = new Set(json.required ?? []);
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || required.has(name),
    schema: property,
  }));
}

/** The OpenAPI 3.1 document of the /api routes, generated from the schemas they validate with. */
export function openApiDocument(operations: Operations = API_OPERATIONS, version = '1') {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [operationId, op] of Object.entries(operations)) {
    const errors = [...new Set([...op.errors, 'unauthorized', 'api_closed', 'internal'] as const)];
    const byStatus = new Map<number, string[]>();
    for (const code of errors)
      byStatus.set(codeToStatus(code), [...(byStatus.get(codeToStatus(code)) ?? []), code]);
    const responses: Record<string, unknown> = {
      [String(op.success.status)]: {
        description: op.success.description,
        content: { 'application/json': { schema: {} } },
      },
    };
    for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b))
      responses[String(status)] = {
        description: `Refused: ${codes.join(', ')}`,
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
    paths[op.path] ??= {};
    const entry = paths[op.path] as Record<string, unknown>;
    entry[op.method] = {
      operationId,
      summary: op.summary,
      parameters: [
        ...parametersOf(op.params, 'path'),
        ...parametersOf(op.query, 'query'),
        ...parametersOf(op.headers, 'header'),
      ],
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchemaOf(op.body) } },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Baton API',
      version,
      description: 'Handoffs by email, and the HTTP API beside it. Every operation takes a bearer token.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Error: jsonSchemaOf(errorBody) },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof openApiDocument>;

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

type Parameter = {
  name: string;
  in: string;
  required: boolean;
  schema: { type?: unknown; description?: unknown };
};
type DocOperation = {
  operationId: string;
  summary: string;
  parameters: Parameter[];
  requestBody?: { content: { 'application/json': { schema: JsonObject } } };
  responses: Record<string, { description: string }>;
};

/** The reference page: each operation of the document, its parameters, body fields and answers. */
export function renderApiDocs(document: OpenApiDocument): string {
  const sections: string[] = [];
  for (const [path, methods] of Object.entries(document.paths))
    for (const [method, raw] of Object.entries(methods)) {
      const op = raw as DocOperation;
      const params = op.parameters
        .map(
          (p) =>
            `<li><code>${escapeHtml(p.name)}</code> (${escapeHtml(p.in)}${p.required ? ', required' : ''})${
              typeof p.schema.type === 'string' ? `: ${escapeHtml(p.schema.type)}` : ''
            }</li>`,
        )
        .join('');
      const body = op.requestBody?.content['application/json'].schema;
      const required = new Set(body?.required ?? []);
      const fields = Object.keys(body?.properties ?? {})
        .map((name) => `<li><code>${escapeHtml(name)}</code>${required.has(name) ? ' (required)' : ''}</li>`)
        .join('');
      const answers = Object.entries(op.responses)
        .map(([status, r]) => `<li><code>${escapeHtml(status)}</code> ${escapeHtml(r.description)}</li>`)
        .join('');
      sections.push(
        `<section id="${escapeHtml(op.operationId)}"><h2><code>${escapeHtml(method.toUpperCase())} ${escapeHtml(path)}</code></h2>` +
          `<p>${escapeHtml(op.summary)}</p>` +
          (params ? `<h3>Parameters</h3><ul>${params}</ul>` : '') +
          (fields ? `<h3>Body (JSON)</h3><ul>${fields}</ul>` : '') +
          `<h3>Answers</h3><ul>${answers}</ul></section>`,
      );
    }
  return (
    `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${escapeHtml(document.info.title)} reference</title>` +
    `<body style="font-family:system-ui;max-width:48rem;margin:2rem auto;padding:0 1rem">` +
    `<h1>${escapeHtml(document.info.title)}</h1><p>${escapeHtml(document.info.description)} ` +
    `Refusals answer <code>{ "error": { "code", "message", "requestId" } }</code>. ` +
    `The machine-readable document: <a href="/api/openapi.json">/api/openapi.json</a>.</p>` +
    `${sections.join('')}</body></html>`
  );
}
