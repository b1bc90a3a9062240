import { describe, expect, it } from 'vitest';
import type { PlannedArtifact } from '../../../src/artifacts/artifact.ts';
import { readmeText } from '../../../src/artifacts/readme/text.ts';
import { sampleInput } from '../../helpers/sample-input.ts';

const response = (path: string) => ({ path, role: 'response' }) as unknown as PlannedArtifact;

describe('说明.txt of a revision', () => {
  it('lists the response documents the revision holds, by the names they have in it', async () => {
    const input = await sampleInput(3);
    const afterVisit = readmeText(input, [response('补充材料说明.docx'), response('整改情况说明.docx')]);
    expect(afterVisit).toContain('  补充材料说明.docx      对审查意见的逐条答复\r\n');
    expect(afterVisit).toContain('  整改情况说明.docx      对现场核查意见的逐条整改情况\r\n');
    const noRound = readmeText(input, []);
    expect(noRound).not.toContain('补充材料说明.docx');
    expect(noRound).not.toContain('整改情况说明.docx');
  });
});
