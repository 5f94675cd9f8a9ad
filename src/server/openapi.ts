/** The committed form of the OpenAPI document: pretty JSON with a final newline. */
export function openApiText(doc: unknown): string {
  return JSON.stringify(doc, null, 2) + '\n';
}
