import type { Settings } from '../../../ui/api-types.js';

export interface WhoMayInviteChoice {
  value: Settings['invitationsFrom'];
  label: string;
  help: string;
}

/**
 * The three answers to "who may send you invitations", worded after what the send rule does
 * (src/domain/send-rules.ts): the widest choice adds nothing to the network's own rule, so its
 * words follow the policy — everyone only where the policy lets anyone invite anyone, otherwise
 * people who share a connection (or a group, where groups count) and anyone who knows the address.
 */
export function whoMayInviteChoices(policy: Record<string, unknown> | null): WhoMayInviteChoice[] {
  const anyone = policy?.eligibility === 'anyone';
  const groups = policy?.eligibilityThroughGroups === true;
  const widest: WhoMayInviteChoice = anyone
    ? { value: 'everyone', label: 'Anyone on Rapport', help: 'Any member can send you an invitation.' }
    : {
        value: 'everyone',
        label: 'People in my network, or who know my email address',
        help: `Members who share a connection with you${groups ? ' or a group' : ''}, and anyone else who knows your email address. The widest choice this network allows.`,
      };
  return [
    widest,
    { value: 'email_or_contacts', label: 'Only people who know my email address, or are in my contacts', help: 'Others are asked for your email address before they can send.' },
    { value: 'contacts_only', label: 'Only people in my contacts', help: 'Nobody else can send you an invitation.' },
  ];
}
