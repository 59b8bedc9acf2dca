import { describe, expect, it } from 'vitest';
import { handoverParties } from './handover-parties.js';

const people = { groupTeacher: '刘老师', dutyChief: '黄主任', wholeSchool: false };

describe('who hands over to whom (F-15, B 六(三) 交接班)', () => {
  it('at the start a group is taken over by its care teacher, from the class teachers (left to fill in)', () => {
    expect(handoverParties('start', people)).toEqual({ from: null, to: '刘老师' });
  });

  it('at the end the care teacher hands the group over to the day’s duty chief', () => {
    expect(handoverParties('end', people)).toEqual({ from: '刘老师', to: '黄主任' });
  });

  it('the whole school is taken over by the duty chief at either stage', () => {
    for (const stage of ['start', 'end'] as const) {
      expect(handoverParties(stage, { ...people, wholeSchool: true })).toEqual({ from: null, to: '黄主任' });
    }
  });

  it('a group without a teacher or a day without a duty chief proposes nobody rather than a guess', () => {
    expect(handoverParties('end', { groupTeacher: null, dutyChief: null, wholeSchool: false })).toEqual({
      from: null,
      to: null,
    });
  });
});
