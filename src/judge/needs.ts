import { parseTarget, type Target } from './target.ts';

/** What a responsible unit must report for a target to be judged: values by year, the superior's target, a declared status. */
export interface InputsNeeded {
  readonly values: boolean;
  readonly superior: boolean;
  readonly status: boolean;
}

/**
 * What judging a target of each form reads from a result. Exhaustive over the target forms: a new form
 * does not compile until it says what it needs (the fill-in workbook opens exactly these cells).
 */
export function inputsNeeded(target: Target): InputsNeeded {
  switch (target.kind) {
    case 'threshold':
    case 'delta':
    case 'trend':
      return { values: true, superior: false, status: false };
    case 'superior':
      // the superior's own finding (考核结果：完成) may stand for the number (rules.ts judgeSuperior)
      return { values: true, superior: true, status: true };
    case 'either':
      return merge([inputsNeeded(target.superior), inputsNeeded(target.otherwise)]);
    case 'qualitative':
      return { values: false, superior: false, status: true };
    case 'anyOf':
      return merge(target.options.map(inputsNeeded));
    case 'allOf':
      return merge(target.parts.map(inputsNeeded));
    case 'relevant':
      return inputsNeeded(target.inner);
    default:
      return unreachable(target);
  }
}

/** What all of several targets need (a row that holds alternatives by condition); an unreadable target asks for everything. */
export function inputsNeededFor(targets: readonly { readonly text: string; readonly unit: string }[]): InputsNeeded {
  return merge(
    targets.map(({ text, unit }) => {
      const parsed = parseTarget(text, unit);
      return parsed.ok ? inputsNeeded(parsed.target) : { values: true, superior: true, status: true };
    }),
  );
}

function merge(needs: readonly InputsNeeded[]): InputsNeeded {
  return {
    values: needs.some((n) => n.values),
    superior: needs.some((n) => n.superior),
    status: needs.some((n) => n.status),
  };
}

function unreachable(target: never): never {
  throw new Error(`未知的指标值形式：${JSON.stringify(target)}`);
}
