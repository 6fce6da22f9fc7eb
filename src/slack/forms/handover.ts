import { CALLBACK } from '../ids.js';
import { defineForm, slackUser } from './form.js';

/** `/interviewprep overdragen <nr> @collega`: the confirm, with the colleague to check or pick. */
export const handoverForm = defineForm({
  callbackId: CALLBACK.handoverModal,
  fields: {
    colleague: slackUser('handover_colleague', 'field.handover.colleague', { required: true, hint: 'field.handover.colleague.hint' }),
  },
  check: (v, ctx: { ownerId: string }) => (v.colleague === ctx.ownerId ? [{ field: 'colleague', key: 'validation.handoverSelf' }] : []),
  toValue: (v) => ({ to: v.colleague }),
  fromRecord: (r: { to?: string }) => ({ colleague: r.to }),
});
