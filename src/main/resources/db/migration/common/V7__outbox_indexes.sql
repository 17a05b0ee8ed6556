-- Every email changes state twice; each index on a changing column costs page writes at every commit.
DROP INDEX outbound_state_idx;
DROP INDEX outbound_sender_sent_idx;
