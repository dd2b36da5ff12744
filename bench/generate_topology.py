"""Writes a large topology for benchmarks: N Tracardi API components and a Metarank section.

    python3 bench/generate_topology.py 5000 > /tmp/big.yaml
"""
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
print("version: 1\nname: bench\nenvironment: production\nplatform: kubernetes")
print("traffic: {peak_requests_per_second: 2400, events_per_day: 20000000, average_event_bytes: 1500,")
print("          retention_days: 90, profiles: 20000000, active_profiles_per_hour: 500000}")
print("products:\n  tracardi:\n    components:")
for i in range(n):
    print(f"      api-{i}:\n        role: api\n        replicas: 3\n        exposure: internal")
    print(f"        allowed_cidrs: [10.0.0.0/8]\n        behind: lb\n        spread: host")
    print(f"        env: {{EXPOSE_GUI_API: 'yes', INSTALLATION_TOKEN: secret-{i}, LOGGING_LEVEL: WARNING}}")
print("      lb: {role: load_balancer, replicas: 2, exposure: internal, tls: true}")
