package org.fingertip.marriage;

import org.fingertip.identity.IdNumber;

/**
 * The other spouse as the applicant named them, validated: real name, ID number and its blind
 * index; all null for a service without a partner.
 */
record PartnerIdentity(String partnerName, IdNumber partnerId, String partnerHash) {}
