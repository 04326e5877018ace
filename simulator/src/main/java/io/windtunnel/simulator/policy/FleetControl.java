package io.windtunnel.simulator.policy;

/**
 * What a failover policy may do to the fleet beyond replacing lost replicas: keep replicas outside the autoscaler's
 * count (spares, standbys), steer where the autoscaler's replicas are placed and which regions take traffic, and ask
 * to be woken at a time of its choosing (health checks). The simulation hands it to the capacity hooks of
 * {@link FailoverPolicy} ({@link FailoverPolicy#onStart}, {@link FailoverPolicy#onControl},
 * {@link FailoverPolicy#onWake}); it is valid only during that call.
 * <p>
 * <b>Spares.</b> A spare is a replica the failover launched ({@link #launchSpare}): it boots, is billed and can be
 * preempted or fail like any replica, and it takes traffic when it is ready and its region takes traffic, but it is
 * not one of the autoscaler's replicas: {@link SimulationView#activeReplicas()} does not count it, the control loop
 * never drains it, and a lost spare is not replaced unless the failover says so. {@link #adopt} makes a spare one
 * of the autoscaler's replicas; {@link #release} turns one of them back into a spare.
 * <p>
 * <b>Masks.</b> Both masks start all-true (every region placeable and taking traffic), so a failover that never
 * touches them changes nothing. A region that is not placeable has every offer unavailable in
 * {@link SimulationView#offerAvailable}, so every placement policy (and a placement plan, whose launches are checked
 * against it) launches the autoscaler's replicas elsewhere; spares ignore this mask. The replicas of a region that
 * takes no traffic are off the ready list (balancers never see them) while staying ready.
 * <p>
 * <b>Threading:</b> the run's own thread only. <b>Allocation:</b> none, except when the replica table grows on a
 * launch.
 */
public interface FleetControl
{
    /**
     * Wake the failover ({@link FailoverPolicy#onWake}) at a later time. One wake-up is pending at a time: an earlier
     * one replaces it, a later one is ignored. Times at or after the scenario's end are ignored.
     *
     * @param timeNs when, ns since the scenario start; after now.
     */
    void wakeAt(long timeNs);

    /**
     * @param region a region.
     * @return true unless an outage holds the region (or the whole provider) down now.
     */
    boolean regionUp(int region);

    /**
     * @param offer an offer.
     * @return true if a replica of it could be launched now, ignoring the placement mask: region and zone up, spot
     * capacity and region quota left.
     */
    boolean offerLaunchable(int offer);

    /**
     * @param region    a region.
     * @param placeable true to let the autoscaler's replicas be placed there (the default), false to make its offers
     *                  unavailable to placement.
     */
    void setRegionPlaceable(int region, boolean placeable);

    /**
     * @param region a region.
     * @return whether the autoscaler's replicas may be placed there.
     */
    boolean regionPlaceable(int region);

    /**
     * Let a region's replicas take traffic or not: its ready replicas join or leave the ready list now, and the ones
     * that become ready later follow the setting. A replica that leaves the ready list finishes what it holds.
     *
     * @param region         a region.
     * @param takesTraffic   true (the default) to put its replicas on the ready list.
     */
    void setRegionTraffic(int region, boolean takesTraffic);

    /**
     * @param region a region.
     * @return whether its ready replicas are on the ready list.
     */
    boolean regionTakesTraffic(int region);

    /**
     * Launch a spare: a replica outside the autoscaler's count.
     *
     * @param offer an offer {@link #offerLaunchable} now.
     * @return the replica, or -1 if the offer cannot be launched now.
     */
    int launchSpare(int offer);

    /**
     * Make a spare one of the autoscaler's replicas (it counts in {@link SimulationView#activeReplicas()} from now
     * on, and the control loop may drain it). No effect on a replica that is not a spare or has ended.
     *
     * @param replica a spare.
     */
    void adopt(int replica);

    /**
     * Make one of the autoscaler's replicas (provisioning or ready) a spare. No effect on any other replica.
     *
     * @param replica a replica.
     */
    void release(int replica);

    /**
     * Scale a replica down: a provisioning one ends at once, a ready one drains (finishes what it holds, then ends).
     * No effect on a replica that is not provisioning or ready.
     *
     * @param replica a replica, spare or not.
     */
    void retire(int replica);

    /**
     * Launch or drain toward the autoscaler's last answer now, through the placement policy (and its masks), instead
     * of at the next control interval: what a failover calls after moving the placement mask.
     */
    void scaleNow();
}
