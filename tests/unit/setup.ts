import { configure } from '@testing-library/preact';

// Views load their parts as lazy chunks; on a loaded 2-core runner a chunk can take longer
// than testing-library's 1 s default to arrive. A real failure still fails, 5 s later.
configure({ asyncUtilTimeout: 5000 });
