import { dicomwebFailure, PacsError } from './dicomweb';

describe('dicomwebFailure', () => {
  it("keeps the PACS's own words out of the summary the API shows, and in the message the log and CLI show", () => {
    const err = dicomwebFailure(
      {
        status: 500,
        response: '{ "HttpError" : "Internal Server Error",\n "OrthancError" : "SQLite: database is locked" }',
      },
      'Reading report 1.2.3',
    );
    expect(err).toBeInstanceOf(PacsError);
    const e = err as PacsError;
    expect(e.summary).toBe('Reading report 1.2.3: the PACS answered HTTP 500');
    expect(e.status).toBe(502);
    expect(e.message).toBe(
      'Reading report 1.2.3: the PACS answered HTTP 500 ({ "HttpError" : "Internal Server Error", "OrthancError" : "SQLite: database is locked" })',
    );
  });
});
