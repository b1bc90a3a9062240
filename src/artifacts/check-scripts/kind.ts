import { hashOf } from '../../files/index.ts';
import type { ArtifactPlanner } from '../artifact.ts';
import { artifactKind, writeRendered, type Renderer } from '../kind.ts';
import { planned, type Source } from '../planning.ts';
import { CHECK_SCRIPT_NAMES, checkScriptBytes } from './scripts.ts';

/** 完整性校验.ps1 and 完整性校验.bat: the check a Windows user runs with a double click, nothing to install. */
export const CHECK_SCRIPTS: ArtifactPlanner<Source<'check-script'>> = {
  kind: 'check-script',
  stage: 'readme',
  plan() {
    return (['ps1', 'bat'] as const).map((which) => planned({
      path: CHECK_SCRIPT_NAMES[which], role: 'check-script', indicators: [], source: { kind: 'check-script', which },
      inputs: { text: hashOf(checkScriptBytes(which).toString('base64')) },
    }));
  },
};

const render: Renderer<Source<'check-script'>> = async (source, ctx) => writeRendered(ctx, checkScriptBytes(source.which));

export const CHECK_SCRIPTS_KIND = artifactKind(CHECK_SCRIPTS, render);
