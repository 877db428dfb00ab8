/**
 * Running several nodes on shared stores: leader election, the scheduler that runs each periodic
 * task on one node per period, and the settings of job leases.
 */
package io.udb.core.cluster;
